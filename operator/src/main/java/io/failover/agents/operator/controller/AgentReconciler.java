package io.failover.agents.operator.controller;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentStatus;
import io.failover.agents.api.AgentType;
import io.failover.agents.core.AgentRef;
import io.failover.agents.core.failover.FailoverState;
import io.failover.agents.core.outcome.OutcomeKind;
import io.failover.agents.core.policy.FailoverPolicy;
import io.failover.agents.core.policy.Scope;
import io.failover.agents.operator.history.CircuitHistory;
import io.failover.agents.operator.history.FailoverHistory;
import io.failover.agents.operator.history.KubernetesEvents;
import io.failover.agents.operator.inputs.AgentInputs;
import io.failover.agents.operator.kubernetes.TerminatingNamespaces;
import io.failover.agents.operator.ledger.Ledger;
import io.failover.agents.operator.metrics.FailoverMetrics;
import io.failover.agents.operator.owned.AgentRendering;
import io.failover.agents.operator.owned.CredentialSecrets;
import io.failover.agents.operator.owned.OwnedLabels;
import io.failover.agents.operator.owned.OwnedResourceWriter;
import io.failover.agents.operator.status.AgentStatusMapper.Pods;
import io.failover.agents.operator.status.AgentStatusMapper.Readiness;
import io.failover.agents.operator.status.AgentStatusMapper;
import io.failover.agents.operator.status.StatusComparison;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An Agent becomes an env Secret and a Deployment for its current tier. Each reconcile reads the
 * AgentType, moves the failover state (chain clamp, pending outcomes, then steering annotations),
 * commits the status, hands its changes to the history, drops the handled annotations, and only
 * then writes the owned objects that follow from the committed state. JOSDK never runs two reconciles of one Agent at once: this is its only writer.
 */
@ControllerConfiguration(name = AgentReconciler.NAME, generationAwareEventProcessing = false)
public final class AgentReconciler implements Reconciler<Agent>, AutoCloseable {
  public static final String NAME = "agents";

  private final FailoverProgress progress;
  private final AgentRendering rendering;
  private final FailoverHistory history;
  private final CircuitHistory circuitHistory;
  private final TypeCircuits circuits;
  private final KubernetesEvents events;
  private final OutcomeSignal outcomeSignal;
  private final ClusterView view;
  private final Clock clock;
  private final FailoverMetrics metrics;
  private final TerminatingNamespaces terminating;
  private AgentEventSources sources;

  /**
   * @param view filled with this controller's caches when it starts, for the intake and the read API
   * @param outcomeSignal wakes an agent's reconcile when the intake commits a report for it
   */
  public AgentReconciler(Ledger ledger, KubernetesEvents recorder, String reportUrlBase, Clock clock,
      FailoverMetrics metrics, TerminatingNamespaces terminating, ClusterView view, OutcomeSignal outcomeSignal) {
    this.view = view;
    this.outcomeSignal = outcomeSignal;
    this.terminating = terminating;
    this.metrics = metrics;
    this.progress = new FailoverProgress(ledger);
    this.rendering = new AgentRendering(reportUrlBase);
    this.history = new FailoverHistory(ledger, recorder);
    this.circuitHistory = new CircuitHistory(ledger, recorder, metrics);
    this.circuits = new TypeCircuits(progress, circuitHistory, metrics);
    this.events = recorder;
    this.clock = clock;
  }

  /** Writes the history recorded so far; the operator calls it when it stops. */
  @Override
  public void close() {
    history.close();
    circuitHistory.close();
  }



  @Override
  public List<EventSource<?, Agent>> prepareEventSources(EventSourceContext<Agent> context) {
    sources = new AgentEventSources(context);
    view.attach(context.getPrimaryCache(), sources);
    return List.of(sources.agentTypes, sources.secrets, sources.credentials, sources.deployments, outcomeSignal);
  }

  @Override
  public UpdateControl<Agent> reconcile(Agent agent, Context<Agent> context) {
    try {
      return advanceAndRender(agent, context);
    } catch (KubernetesClientException refused) {
      if (!TerminatingNamespaces.refusedForTermination(refused)) {
        throw refused;
      }
      terminating.dropped(agent.getMetadata().getNamespace(), "the objects of Agent " + agent.getMetadata().getName());
      return UpdateControl.noUpdate();
    }
  }

  private UpdateControl<Agent> advanceAndRender(Agent agent, Context<Agent> context) {
    Instant now = clock.instant();
    FailoverState state = AgentStatusMapper.read(agent.getStatus());
    AgentInputs.Result inputs = AgentInputs.read(agent, context.getSecondaryResource(AgentType.class), view.policies());
    if (inputs.inputs().isEmpty()) {
      AgentInputs.NotReady why = inputs.notReady().orElseThrow();
      writeStatus(agent, state, Optional.empty(), new Readiness(false, why.reason(), why.message()), now, context);
      return UpdateControl.noUpdate();
    }
    AgentInputs in = inputs.inputs().get();
    FailoverProgress.Result moved = in.policy().scope() == Scope.TYPE
        ? circuits.advance(in, state, now, context.getSecondaryResource(AgentType.class).orElseThrow(), context.getClient(),
            name -> context.getPrimaryCache().get(new ResourceID(name, agent.getMetadata().getNamespace())))
        : progress.advance(in, state, now);
    AgentRendering.Result desired = rendering.render(in, moved.state(),
        new CredentialSecrets(sources::credentials, context.getClient()), sources::secret);
    Readiness readiness = readiness(in, moved.state(), desired, context);
    // the state is committed before anything that follows from it (SPEC section 11)
    writeStatus(agent, moved.state(), Optional.of(in.policy()), readiness, now, context);
    history.record(agent, in.typeName(), moved.events(), now);
    moved.events().forEach(recorded -> metrics.stateChange(recorded.event().type().name(),
        recorded.event().kind().map(OutcomeKind::wireName).orElse("")));
    metrics.agentState(new AgentRef(agent.getMetadata().getNamespace(), agent.getMetadata().getName()), in.typeName(),
        moved.state().tier(), moved.state().pausedReason().map(Enum::name));
    SteeringAcknowledgement.remove(agent, SteeringAnnotations.toRemove(agent, moved.handled()), context);
    if (readiness.ready()) {
      desired.rendered().ifPresent(rendered -> write(agent, rendered, context));
    }
    return moved.moreOutcomes() ? UpdateControl.<Agent>noUpdate().rescheduleAfter(Duration.ZERO) : UpdateControl.noUpdate();
  }

  /** Ready once the owned objects can be written for this state: rendered, and their names not taken by others. */
  private Readiness readiness(AgentInputs in, FailoverState state, AgentRendering.Result desired, Context<Agent> context) {
    if (desired.rendered().isEmpty()) {
      AgentInputs.NotReady why = desired.notReady().orElseThrow();
      return new Readiness(false, why.reason(), why.message());
    }
    Agent agent = in.agent();
    String namespace = agent.getMetadata().getNamespace();
    AgentRendering.Rendered rendered = desired.rendered().get();
    Optional<String> foreign = foreignSecret(namespace, rendered.secret().getMetadata().getName(), context);
    if (foreign.isEmpty() && rendered.tiers().isPresent()) {
      foreign = foreignSecret(namespace, rendered.tiers().get().getMetadata().getName(), context);
    }
    if (foreign.isEmpty() && sources.deployment(agent).isEmpty()) {
      foreign = OwnedResourceWriter.foreign(Optional.ofNullable(context.getClient().apps().deployments()
          .inNamespace(namespace).withName(agent.getMetadata().getName()).get()));
    }
    if (foreign.isPresent()) {
      return new Readiness(false, "ResourceConflict", foreign.get());
    }
    String provider = in.policy().tier(state.tier()).provider().wireName();
    return new Readiness(true, "Rendered", "env Secret and Deployment rendered for tier " + state.tier() + " (" + provider + ")");
  }

  /** Only the operator's own objects are watched: a name missing from those caches may be someone else's. */
  private Optional<String> foreignSecret(String namespace, String name, Context<Agent> context) {
    return sources.secret(namespace, name).isPresent() ? Optional.empty()
        : OwnedResourceWriter.foreign(Optional.ofNullable(context.getClient().secrets().inNamespace(namespace).withName(name).get()));
  }

  private void write(Agent agent, AgentRendering.Rendered desired, Context<Agent> context) {
    OwnedResourceWriter.applySecret(desired.secret(), sources.secret(agent.getMetadata().getNamespace(),
        desired.secret().getMetadata().getName()), context, sources.secrets);
    desired.tiers().ifPresent(tiers -> OwnedResourceWriter.applySecret(tiers,
        sources.secret(agent.getMetadata().getNamespace(), tiers.getMetadata().getName()), context, sources.secrets));
    OwnedResourceWriter.applyDeployment(desired.deployment(), sources.deployment(agent), context, sources.deployments);
  }

  private void writeStatus(Agent agent, FailoverState state, Optional<FailoverPolicy> policy,
      Readiness readiness, Instant now, Context<Agent> context) {
    AgentStatus status = AgentStatusMapper.build(agent, state, policy, readiness, pods(agent), now);
    if (!StatusComparison.same(agent.getStatus(), status)) {
      Agent update = new Agent();
      update.setMetadata(agent.getMetadata());
      update.setSpec(agent.getSpec());
      update.setStatus(status);
      view.statusCommitted(context.resourceOperations().updatePrimaryStatus(update));
      if (!readiness.ready() && !AgentStatusMapper.readiness(agent.getStatus()).equals(Optional.of(readiness))) {
        events.record(agent, true, readiness.reason(), readiness.message());
      }
    }
  }

  /** The pods the agent's Deployment counts, and their selector, for the scale subresource. */
  private Pods pods(Agent agent) {
    int replicas = sources.deployment(agent).map(Deployment::getStatus).map(DeploymentStatus::getReplicas).orElse(0);
    String selector = new TreeMap<>(OwnedLabels.podSelector(agent)).entrySet().stream()
        .map(label -> label.getKey() + "=" + label.getValue()).collect(Collectors.joining(","));
    return new Pods(replicas, selector);
  }
}

package io.failover.agents.operator.testing;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.failover.agents.access.AuthMode;
import io.failover.agents.access.KubernetesUsers;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentSpec;
import io.failover.agents.api.AgentType;
import io.failover.agents.api.AgentTypeSpec;
import io.failover.agents.core.outcome.Classifier;
import io.failover.agents.core.outcome.TaskReport;
import io.failover.agents.core.spec.Specs;
import io.failover.agents.operator.FailoverOperator;
import io.failover.agents.operator.http.ActionEndpoints;
import io.failover.agents.operator.http.HttpLimits;
import io.failover.agents.operator.http.KubernetesCallers;
import io.failover.agents.operator.http.LedgerReadEndpoints;
import io.failover.agents.operator.http.OperatorHealth;
import io.failover.agents.operator.http.OperatorHttpServer;
import io.failover.agents.operator.http.OutcomeEndpoint;
import io.failover.agents.operator.intake.OutcomeIntake;
import io.failover.agents.operator.intake.OutcomeReport;
import io.failover.agents.operator.ledger.Appended;
import io.failover.agents.operator.ledger.Ledger;
import io.failover.agents.operator.ledger.NewOutcome;
import io.failover.agents.operator.metrics.FailoverMetrics;
import io.failover.agents.operator.render.EnvSecretRenderer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The operator wired as in production against a mock cluster, with helpers that speak in the user's terms. */
public final class RunningOperator implements AutoCloseable {
  public static final String NS = "agents";
  public static final String REPORT_URL = "http://failover.example:8080";
  /** anthropic -> deepseek -> ollama, the chain of SPEC section 2, with the keys {@link #providerKeys()} creates. */
  public static final String THREE_TIER_CHAIN = Specs.THREE_TIERS;
  public static final String THREE_TIERS = THREE_TIER_CHAIN + """
      template:
        metadata: {labels: {team: platform}}
        spec:
          containers:
          - name: agent
            image: example.com/claude-code-agent:1
      """;

  public final MockCluster cluster;
  public final KubernetesClient client;
  public final Ledger ledger;
  public final FailoverOperator operator;
  public final OutcomeIntake intake;
  public final FailoverMetrics metrics;
  private OperatorHttpServer http;
  private boolean ownsClusterAndLedger;
  private KubernetesClient operatorClient;
  private HttpLimits httpLimits = HttpLimits.DEFAULTS;
  private AuthMode httpAuth = AuthMode.NONE;
  /** Between the operator and the mock cluster, when started {@link #startBehindProxy behind one}. */
  public CuttableProxy apiProxy;

  private RunningOperator(MockCluster cluster, Ledger ledger, FailoverOperator operator, FailoverMetrics metrics) {
    this.metrics = metrics;
    this.cluster = cluster;
    this.client = cluster.client;
    this.ledger = ledger;
    this.operator = operator;
    this.intake = new OutcomeIntake(operator.view(), ledger, operator.outcomeSignal(), Clock.systemUTC(), Set.of(), metrics);
  }

  public static RunningOperator start(Path ledgerDir) {
    MockCluster cluster = MockCluster.start();
    Ledger ledger = Ledger.open(ledgerDir.resolve("ledger.db"), Ledger.DEFAULT_RETENTION, Clock.systemUTC());
    RunningOperator running = start(cluster, ledger);
    running.ownsClusterAndLedger = true;
    return running;
  }

  /**
   * The operator talking to the mock cluster through {@code interceptor}, which sees (and may act
   * around) every request the operator makes: the way tests put a concurrent writer between two of
   * the operator's writes.
   */
  public static RunningOperator startIntercepted(Path ledgerDir, Interceptor interceptor) {
    MockCluster cluster = MockCluster.start();
    Ledger ledger = Ledger.open(ledgerDir.resolve("ledger.db"), Ledger.DEFAULT_RETENTION, Clock.systemUTC());
    KubernetesClient intercepted = new KubernetesClientBuilder().withConfig(cluster.client.getConfiguration())
        .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("test", interceptor))
        .build();
    RunningOperator running = start(cluster, intercepted, ledger);
    running.ownsClusterAndLedger = true;
    running.operatorClient = intercepted;
    return running;
  }

  /**
   * The operator reaching the mock cluster through a {@link CuttableProxy} ({@link #apiProxy}), so
   * that a test can make the API server go away under it; it reads the time from {@code clock}.
   */
  public static RunningOperator startBehindProxy(Path ledgerDir, Clock clock) throws java.io.IOException {
    MockCluster cluster = MockCluster.start();
    CuttableProxy proxy = new CuttableProxy(cluster.client.getMasterUrl().getHost(), cluster.client.getMasterUrl().getPort());
    KubernetesClient proxied = new KubernetesClientBuilder().withConfig(new io.fabric8.kubernetes.client.ConfigBuilder(
        cluster.client.getConfiguration()).withMasterUrl("http://127.0.0.1:" + proxy.port()).build()).build();
    Ledger ledger = Ledger.open(ledgerDir.resolve("ledger.db"), Ledger.DEFAULT_RETENTION, clock);
    RunningOperator running = start(cluster, proxied, ledger, clock);
    running.ownsClusterAndLedger = true;
    running.operatorClient = proxied;
    running.apiProxy = proxy;
    return running;
  }

  /** The operator on a fresh mock cluster, reading the time from {@code clock}. */
  public static RunningOperator start(Path ledgerDir, Clock clock) {
    MockCluster cluster = MockCluster.start();
    Ledger ledger = Ledger.open(ledgerDir.resolve("ledger.db"), Ledger.DEFAULT_RETENTION, clock);
    RunningOperator running = start(cluster, cluster.client, ledger, clock);
    running.ownsClusterAndLedger = true;
    return running;
  }

  /** Another operator on an existing cluster and ledger (a restart); closing it leaves both open. */
  public static RunningOperator start(MockCluster cluster, Ledger ledger) {
    return start(cluster, cluster.client, ledger);
  }

  private static RunningOperator start(MockCluster cluster, KubernetesClient operatorClient, Ledger ledger) {
    return start(cluster, operatorClient, ledger, Clock.systemUTC());
  }

  private static RunningOperator start(MockCluster cluster, KubernetesClient operatorClient, Ledger ledger, Clock clock) {
    FailoverMetrics metrics = new FailoverMetrics();
    FailoverOperator operator = FailoverOperator.start(operatorClient, ledger,
        new FailoverOperator.Options(Set.of(), REPORT_URL, Optional.empty(), "test"), clock, metrics);
    await().atMost(Duration.ofSeconds(30)).until(operator::ready);
    return new RunningOperator(cluster, ledger, operator, metrics);
  }

  /** A provider credentials Secret, labelled so that the operator may use it (SPEC section 12). */
  public void secret(String name, String key, String value) {
    secret(name, key, value, Map.of(AgentType.CREDENTIALS_LABEL, "true"));
  }

  public void secret(String name, String key, String value, Map<String, String> labels) {
    client.secrets().inNamespace(NS).resource(new SecretBuilder()
        .withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).withLabels(labels).build())
        .withData(Map.of(key, java.util.Base64.getEncoder().encodeToString(value.getBytes())))
        .build()).createOr(existing -> existing.update());
  }

  public void providerKeys() {
    secret("anthropic-key", "api-key", "sk-ant-one");
    secret("deepseek-key", "api-key", "sk-ds-one");
  }

  public AgentType agentType(String name, String specYaml) {
    AgentType type = new AgentType();
    type.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    type.setSpec(Serialization.unmarshal(specYaml, AgentTypeSpec.class));
    AgentType existing = client.resources(AgentType.class).inNamespace(NS).withName(name).get();
    if (existing == null) {
      return client.resource(type).create();
    }
    existing.setSpec(type.getSpec());
    return client.resource(existing).update();
  }

  public Agent agent(String name, String type) {
    Agent agent = new Agent();
    agent.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    AgentSpec spec = new AgentSpec();
    spec.setType(type);
    spec.setReplicas(1);
    agent.setSpec(spec);
    return client.resource(agent).create();
  }

  public Agent get(String agent) {
    return client.resources(Agent.class).inNamespace(NS).withName(agent).get();
  }

  public Optional<Secret> envSecret(String agent) {
    return Optional.ofNullable(client.secrets().inNamespace(NS).withName(agent + "-provider-env").get());
  }

  /** The env Secret decoded, or empty while it does not exist. */
  public Map<String, String> env(String agent) {
    return envSecret(agent).map(secret -> {
      Map<String, String> env = new TreeMap<>();
      secret.getData().keySet().forEach(key -> env.put(key, EnvSecretRenderer.value(secret, key).orElseThrow()));
      return env;
    }).orElse(Map.of());
  }

  public Optional<Deployment> deployment(String agent) {
    return Optional.ofNullable(client.apps().deployments().inNamespace(NS).withName(agent).get());
  }

  public Appended report(String agent, OutcomeReport report) {
    Agent current = intake.agent(NS, agent).orElseThrow(() -> new AssertionError("agent not in cache: " + agent));
    return intake.submit(current, report).join();
  }

  /** Commits a report to the ledger as the intake would, without waking any reconcile (no operator needed). */
  public static Appended appendOutcome(Ledger ledger, Agent agent, OutcomeReport report) {
    return ledger.append(new NewOutcome(Instant.now(), agent.getMetadata().getNamespace(), agent.getMetadata().getName(),
        agent.getMetadata().getUid(), agent.getSpec().getType(), report.tier(), report.provider(), report.success(),
        Classifier.classify(new TaskReport(report.success(), report.httpStatus().orElse(null),
            report.errorType().orElse(null), report.errorCode().orElse(null), report.message().orElse(null))),
        report.httpStatus(), report.errorType(), report.errorCode(), report.retryAfterSeconds(),
        report.inputTokens(), report.outputTokens(), report.id(), report.provider().orElse("unknown"))).join();
  }

  public List<Event> events(String agent) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(event -> agent.equals(event.getInvolvedObject().getName()))
        .toList();
  }

  public void annotate(String agent, String key, String value) {
    client.resources(Agent.class).inNamespace(NS).withName(agent).edit(a -> {
      a.getMetadata().getAnnotations().put(key, value);
      return a;
    });
  }

  /** Serves the operator's HTTP interface on a free port; returns its base URL. */
  public String http() {
    return http(0);
  }

  /**
   * Serves the HTTP interface on the given port (0: any free one), as a restarted operator would:
   * with the limits and callers' checks it was last served with.
   */
  public String http(int port) {
    return http(port, httpLimits, httpAuth);
  }

  /** Serves the HTTP interface on the given port (0: any free one) with these limits, callers unchecked. */
  public String http(int port, HttpLimits limits) {
    return http(port, limits, AuthMode.NONE);
  }

  /** Serves the HTTP interface; with {@link AuthMode#KUBERNETES} callers are reviewed by the mock cluster. */
  public String http(int port, HttpLimits limits, AuthMode auth) {
    if (http == null) {
      httpLimits = limits;
      httpAuth = auth;
      KubernetesCallers callers = new KubernetesCallers(auth, new KubernetesUsers(client, Clock.systemUTC()));
      http = OperatorHttpServer.start("127.0.0.1", port, limits, new OutcomeEndpoint(intake, operator::ready, metrics),
          new LedgerReadEndpoints(ledger, intake, operator.view(), Set.of(), Clock.systemUTC(), callers),
          new ActionEndpoints(callers, intake, ledger, client, Clock.systemUTC()),
          new OperatorHealth(() -> true, operator::ready), metrics);
    }
    return "http://127.0.0.1:" + http.port();
  }

  /** Stops serving HTTP, as an operator that went away would. */
  public void stopHttp() {
    if (http != null) {
      http.close();
      http = null;
    }
  }

  @Override
  public void close() {
    stopHttp();
    operator.close();
    if (operatorClient != null) {
      operatorClient.close();
    }
    if (apiProxy != null) {
      apiProxy.close();
    }
    if (ownsClusterAndLedger) {
      ledger.close();
      cluster.close();
    }
  }
}

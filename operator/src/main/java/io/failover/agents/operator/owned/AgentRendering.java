package io.failover.agents.operator.owned;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentType;
import io.failover.agents.core.AgentRef;
import io.failover.agents.core.failover.FailoverState;
import io.failover.agents.core.policy.FailoverPolicy;
import io.failover.agents.core.policy.SwitchMode;
import io.failover.agents.core.provider.AgentEnv;
import io.failover.agents.core.provider.ProviderTier;
import io.failover.agents.operator.inputs.AgentInputs;
import io.failover.agents.operator.intake.ReportTokens;
import io.failover.agents.operator.kubernetes.SecretValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The desired env Secret and Deployment for an agent's current state (and, in switch mode PerTask,
 * the tiers Secret), or why they cannot be rendered: nothing is half-rendered when a credentials
 * Secret or key is missing.
 */
public final class AgentRendering {
  private final String reportUrlBase;

  /** @param reportUrlBase the base URL agents use to reach the intake API */
  public AgentRendering(String reportUrlBase) {
    this.reportUrlBase = reportUrlBase.replaceAll("/+$", "");
  }

  /** @param tiers the tiers Secret: rendered in PerTask, and kept current in Restart once it exists */
  public record Rendered(Secret secret, Optional<Secret> tiers, Deployment deployment) {}

  public record Result(Optional<Rendered> rendered, Optional<AgentInputs.NotReady> notReady) {}

  /** The value behind a tier's credentials (empty without credentials), or why it cannot be read. */
  private record Key(Optional<String> value, Optional<AgentInputs.NotReady> notReady) {}

  /**
   * @param credentials provider credentials Secrets (opt-in by label)
   * @param owned the operator's own Secrets (the env Secret keeps the report token)
   */
  public Result render(AgentInputs inputs, FailoverState state, CredentialSecrets credentials, SecretLookup owned) {
    Agent agent = inputs.agent();
    AgentRef ref = new AgentRef(agent.getMetadata().getNamespace(), agent.getMetadata().getName());
    FailoverPolicy policy = inputs.policy();
    Key activeKey = key(ref.namespace(), policy.tier(state.tier()), state.tier(), credentials);
    if (activeKey.notReady().isPresent()) {
      return new Result(Optional.empty(), activeKey.notReady());
    }
    String token = ReportTokens.keptOrMinted(owned.get(ref.namespace(), OwnedLabels.envSecretName(ref.name())));
    Secret secret = EnvSecretRenderer.desired(agent,
        AgentEnv.forTier(ref, state.tier(), policy.tier(state.tier()), activeKey.value(), reportUrl(ref), token));
    int replicas = state.paused() ? 0 : replicas(agent);
    boolean perTask = inputs.switchMode() == SwitchMode.PER_TASK;
    if (!perTask) {
      boolean keptCurrent = owned.get(ref.namespace(), OwnedLabels.tiersSecretName(ref.name())).isPresent();
      Optional<Secret> tiers = keptCurrent ? tierEnvs(ref, policy, credentials, token, false).rendered()
          .map(envs -> TiersSecretRenderer.desired(agent, envs)) : Optional.empty();
      Deployment deployment = DeploymentRenderer.desired(agent, inputs.template(),
          EnvSecretRenderer.dataHash(secret.getData()), replicas, false);
      return new Result(Optional.of(new Rendered(secret, tiers, deployment)), Optional.empty());
    }
    TierEnvs tierEnvs = tierEnvs(ref, policy, credentials, token, false);
    if (tierEnvs.notReady().isPresent()) {
      return new Result(Optional.empty(), tierEnvs.notReady());
    }
    // the pod rolls when the chain, the template or a credential reference changes, never with the tier
    // nor with a rotated key, which reaches the running pod through the mounted Secret
    String hash = EnvSecretRenderer.dataHash(TiersSecretRenderer.files(
        tierEnvs(ref, policy, credentials, token, true).rendered().orElseThrow()));
    Deployment deployment = DeploymentRenderer.desired(agent, inputs.template(), hash, replicas, true);
    return new Result(Optional.of(new Rendered(secret,
        Optional.of(TiersSecretRenderer.desired(agent, tierEnvs.rendered().orElseThrow())), deployment)), Optional.empty());
  }

  private record TierEnvs(Optional<List<Map<String, String>>> rendered, Optional<AgentInputs.NotReady> notReady) {}

  /**
   * The env of every tier of the chain.
   *
   * @param referencesOnly put each credentials reference where its value would be: what the env-hash of PerTask reads
   */
  private TierEnvs tierEnvs(AgentRef ref, FailoverPolicy policy, CredentialSecrets credentials, String token,
      boolean referencesOnly) {
    List<Map<String, String>> envs = new ArrayList<>();
    for (int number = 1; number <= policy.chainLength(); number++) {
      ProviderTier tier = policy.tier(number);
      Optional<String> apiKey;
      if (referencesOnly) {
        apiKey = tier.credentials().map(c -> "secret " + c.secretName() + " key " + c.key());
      } else {
        Key key = key(ref.namespace(), tier, number, credentials);
        if (key.notReady().isPresent()) {
          return new TierEnvs(Optional.empty(), key.notReady());
        }
        apiKey = key.value();
      }
      envs.add(AgentEnv.forTier(ref, number, tier, apiKey, reportUrl(ref), token));
    }
    return new TierEnvs(Optional.of(envs), Optional.empty());
  }

  private static Key key(String namespace, ProviderTier tier, int number, CredentialSecrets credentials) {
    if (tier.credentials().isEmpty()) {
      return new Key(Optional.empty(), Optional.empty());
    }
    ProviderTier.CredentialsRef ref = tier.credentials().get();
    String whose = "(credentials of tier " + number + ", " + tier.provider().wireName() + ")";
    CredentialSecrets.Lookup lookup = credentials.find(namespace, ref.secretName());
    if (lookup.existsWithoutLabel()) {
      return new Key(Optional.empty(), Optional.of(new AgentInputs.NotReady("CredentialsNotAllowed",
          "Secret " + namespace + "/" + ref.secretName() + " " + whose + " does not carry the label "
              + AgentType.CREDENTIALS_LABEL + "=true that allows the operator to use it as provider credentials")));
    }
    if (lookup.secret().isEmpty()) {
      return notFound("Secret " + namespace + "/" + ref.secretName() + " not found " + whose);
    }
    Optional<String> apiKey = SecretValues.of(lookup.secret().get(), ref.key());
    if (apiKey.isEmpty()) {
      return notFound("Secret " + namespace + "/" + ref.secretName() + " has no key \"" + ref.key() + "\" " + whose);
    }
    return new Key(apiKey, Optional.empty());
  }

  String reportUrl(AgentRef agent) {
    return reportUrlBase + "/api/v1/namespaces/" + agent.namespace() + "/agents/" + agent.name() + "/outcomes";
  }

  private static int replicas(Agent agent) {
    Integer replicas = agent.getSpec().getReplicas();
    return replicas == null ? 1 : Math.max(0, replicas);
  }

  private static Key notFound(String message) {
    return new Key(Optional.empty(), Optional.of(new AgentInputs.NotReady("CredentialsNotFound", message)));
  }
}

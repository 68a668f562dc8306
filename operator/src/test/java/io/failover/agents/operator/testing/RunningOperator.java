package io.failover.agents.operator.testing;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.failover.agents.access.AuthMode;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentSpec;
import io.failover.agents.api.AgentType;
import io.failover.agents.api.AgentTypeSpec;
import io.failover.agents.core.outcome.Classifier;
import io.failover.agents.core.outcome.Report;
import io.failover.agents.core.spec.Specs;
import io.failover.agents.operator.FailoverOperator;
import io.failover.agents.operator.OperatorRole;
import io.failover.agents.operator.http.HttpLimits;
import io.failover.agents.operator.intake.OutcomeIntake;
import io.failover.agents.operator.kubernetes.SecretValues;
import io.failover.agents.operator.ledger.Appended;
import io.failover.agents.operator.ledger.Ledger;
import io.failover.agents.operator.ledger.NewOutcome;
import io.failover.agents.operator.metrics.FailoverMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The operator role started exactly as production starts it ({@link OperatorRole#start}), against
 * a mock cluster, on a clock the test can move forward, with helpers that speak in the user's terms.
 * It can be stopped and started again on the same cluster, ledger file and port, as a restarted pod.
 */
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

  /** How the operator is started; the defaults are production's, but for the report URL and loopback. */
  public static final class Options {
    private SteppingClock clock = new SteppingClock();
    private AuthMode auth = AuthMode.NONE;
    private HttpLimits limits = HttpLimits.DEFAULTS;
    private Interceptor interceptor;
    private boolean behindProxy;
    private OperatorRole.LedgerOpener ledgerOpener = Ledger::open;
    private boolean reportUrlToItself;

    public Options clock(SteppingClock value) {
      this.clock = value;
      return this;
    }

    /** How the read and action endpoints check callers; KUBERNETES asks the mock cluster's reviews. */
    public Options auth(AuthMode value) {
      this.auth = value;
      return this;
    }

    public Options limits(HttpLimits value) {
      this.limits = value;
      return this;
    }

    /** Sees (and may act around) every request the operator makes: a concurrent writer between two of its writes. */
    public Options interceptor(Interceptor value) {
      this.interceptor = value;
      return this;
    }

    /** The operator reaches the cluster through a {@link CuttableProxy}, so that the API server can go away. */
    public Options behindProxy() {
      this.behindProxy = true;
      return this;
    }

    public Options ledger(OperatorRole.LedgerOpener value) {
      this.ledgerOpener = value;
      return this;
    }

    /** The report URL is the operator's own address, as in a cluster: the agent kit can reach it from the env it is given. */
    public Options reportUrlToItself() {
      this.reportUrlToItself = true;
      return this;
    }

    public RunningOperator start(Path dir) {
      return new RunningOperator(dir, this);
    }
  }

  public final MockCluster cluster;
  /** The test's own client, as a user would act on the cluster. */
  public final KubernetesClient client;
  public final SteppingClock clock;
  /** Between the operator and the mock cluster, when started {@link Options#behindProxy behind one}. */
  public final CuttableProxy apiProxy;
  private final Options options;
  private final Path ledgerFile;
  private final KubernetesClient operatorClient;
  private OperatorRole role;
  private boolean running;
  private int port;
  private final String reportUrl;

  private RunningOperator(Path dir, Options options) {
    this.options = options;
    this.clock = options.clock;
    this.cluster = MockCluster.start();
    this.client = cluster.client;
    this.ledgerFile = dir.resolve("ledger.db");
    try {
      this.apiProxy = options.behindProxy ? new CuttableProxy(client.getMasterUrl().getHost(),
          client.getMasterUrl().getPort()) : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ConfigBuilder config = new ConfigBuilder(client.getConfiguration());
    if (apiProxy != null) {
      config.withMasterUrl("http://127.0.0.1:" + apiProxy.port());
    }
    KubernetesClientBuilder builder = new KubernetesClientBuilder().withConfig(config.build());
    if (options.interceptor != null) {
      builder.withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor("test", options.interceptor));
    }
    this.operatorClient = builder.build();
    if (options.reportUrlToItself) {
      try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
        port = free.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      this.reportUrl = "http://127.0.0.1:" + port;
    } else {
      this.reportUrl = REPORT_URL;
    }
    startRole();
  }

  public static Options with() {
    return new Options();
  }

  public static RunningOperator start(Path dir) {
    return with().start(dir);
  }

  /** Starts the operator role; after {@link #stopRole()}, again on the same port, cluster and ledger file. */
  public void startRole() {
    role = OperatorRole.start(operatorClient, new OperatorRole.Settings("127.0.0.1", port, ledgerFile,
            Ledger.DEFAULT_RETENTION, Set.of(), reportUrl, false, OperatorRole.DEFAULT_LEASE_NAME, Optional.empty(),
            "test", options.limits, options.auth), clock,
        () -> {
          throw new AssertionError("leader election is off in tests");
        }, options.ledgerOpener);
    running = true;
    port = role.port();
    await().atMost(Duration.ofSeconds(30)).until(role::ready);
  }

  /** Stops the operator role as a pod that went away: the cluster and the ledger file stay. */
  public void stopRole() {
    if (running) {
      running = false;
      role.close();
    }
  }

  /** A restart: the role stopped and started again. */
  public void restart() {
    stopRole();
    startRole();
  }

  public FailoverOperator operator() {
    return role.operator();
  }

  public OutcomeIntake intake() {
    return role.intake();
  }

  public Ledger ledger() {
    return role.ledger();
  }

  /** The tier endpoint's long-polls now held. */
  public int tierWaiting() {
    return role.tier().waiting();
  }

  public FailoverMetrics metrics() {
    return role.metrics();
  }

  /** The base URL of the operator's HTTP interface. */
  public String http() {
    return "http://127.0.0.1:" + port;
  }

  public Path ledgerFile() {
    return ledgerFile;
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
      secret.getData().keySet().forEach(key -> env.put(key, SecretValues.of(secret, key).orElseThrow()));
      return env;
    }).orElse(Map.of());
  }

  public Optional<Deployment> deployment(String agent) {
    return Optional.ofNullable(client.apps().deployments().inNamespace(NS).withName(agent).get());
  }

  public Appended report(String agent, Report report) {
    Agent current = intake().agent(NS, agent).orElseThrow(() -> new AssertionError("agent not in cache: " + agent));
    return intake().submit(current, report).join();
  }

  /** Commits a report to the ledger as the intake would, without waking any reconcile (no operator needed). */
  public static Appended appendOutcome(Ledger ledger, Agent agent, Report report) {
    return ledger.append(new NewOutcome(Instant.now(), agent.getMetadata().getNamespace(), agent.getMetadata().getName(),
        agent.getMetadata().getUid(), agent.getSpec().getType(), report, Classifier.classify(report),
        report.provider().orElse("unknown"))).join();
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

  @Override
  public void close() {
    stopRole();
    operatorClient.close();
    if (apiProxy != null) {
      apiProxy.close();
    }
    cluster.close();
  }
}

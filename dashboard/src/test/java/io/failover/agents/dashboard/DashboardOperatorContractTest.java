package io.failover.agents.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.ColorScheme;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentSpec;
import io.failover.agents.api.AgentType;
import io.failover.agents.api.AgentTypeSpec;
import io.failover.agents.dashboard.auth.AuthMode;
import io.failover.agents.operator.testing.MockCluster;
import io.failover.agents.operator.testing.RunningOperator;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the dashboard asks of the operator's read API, against a recording stand-in: the signed-in
 * user's Kubernetes token passed on (SPEC section 11), none in the demo's --auth none, and the
 * usage-over-time contract of docs/dashboard-api.md ("Needs from the operator") drawn as a chart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardOperatorContractTest {
  static final String EVENTS = "/api/v1/namespaces/agents/agents/coder-1/provider-events";
  static final String USAGE = "/api/v1/namespaces/agents/agenttypes/coder/usage";
  static final String HISTORY = "/api/v1/namespaces/agents/agenttypes/coder/usage-history";

  MockCluster cluster;
  FakeOperator operator;
  DashboardRole kubernetes;
  DashboardRole none;

  @BeforeAll
  void start() {
    cluster = MockCluster.start();
    FakeClusterAuth.install(cluster.server);
    AgentType type = new AgentType();
    type.setMetadata(new ObjectMetaBuilder().withName("coder").withNamespace(RunningOperator.NS).build());
    type.setSpec(Serialization.unmarshal(RunningOperator.THREE_TIERS + "failover: {tokenBudget: {limitTokens: 100000, window: 5h}}\n",
        AgentTypeSpec.class));
    cluster.client.resource(type).create();
    Agent agent = new Agent();
    agent.setMetadata(new ObjectMetaBuilder().withName("coder-1").withNamespace(RunningOperator.NS).build());
    agent.setSpec(new AgentSpec());
    agent.getSpec().setType("coder");
    cluster.client.resource(agent).create();
    operator = new FakeOperator();
    operator.answer(EVENTS, "{\"items\":[],\"nextBefore\":null}");
    operator.answer(USAGE, "{\"window\":\"5h\",\"usedTokens\":42000,\"limitTokens\":100000}");
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
    operator.answer(HISTORY, "{\"bucketSeconds\":3600,\"window\":\"5h\",\"limitTokens\":100000,\"windowResetsAt\":\""
        + hour.plus(2, ChronoUnit.HOURS) + "\",\"buckets\":["
        + "{\"start\":\"" + hour.minus(2, ChronoUnit.HOURS) + "\",\"tokens\":{\"anthropic\":20000}},"
        + "{\"start\":\"" + hour.minus(1, ChronoUnit.HOURS) + "\",\"tokens\":{\"anthropic\":12000,\"deepseek\":6000}},"
        + "{\"start\":\"" + hour + "\",\"tokens\":{\"deepseek\":4000}}]}");
    kubernetes = DashboardRole.start(cluster.client, new DashboardRole.Settings("127.0.0.1", 0, operator.url(),
        AuthMode.KUBERNETES, Set.of()), Clock.systemUTC());
    none = DashboardRole.start(cluster.client, new DashboardRole.Settings("127.0.0.1", 0, operator.url(),
        AuthMode.NONE, Set.of()), Clock.systemUTC());
    await().atMost(Duration.ofSeconds(10)).until(() -> kubernetes.ready() && none.ready());
  }

  @BeforeEach
  void forget() {
    operator.received.clear();
  }

  @AfterAll
  void stop() {
    kubernetes.close();
    none.close();
    operator.close();
    cluster.close();
  }

  static HttpResponse<String> get(HttpClient http, int port, String path, String bearer) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theUsersOwnTokenIsPassedOnToTheOperatorsReadEndpoints() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String path : new String[] {EVENTS, USAGE, HISTORY}) {
      assertThat(get(http, kubernetes.port(), path, FakeClusterAuth.ALICE).statusCode()).as(path).isEqualTo(200);
    }
    assertThat(operator.received).extracting(FakeOperator.Received::authorization)
        .containsExactly("Bearer " + FakeClusterAuth.ALICE, "Bearer " + FakeClusterAuth.ALICE, "Bearer " + FakeClusterAuth.ALICE);
    assertThat(operator.received.get(2).pathAndQuery()).isEqualTo(HISTORY + "?hours=24");
  }

  @Test
  void aSignedInBrowsersSessionTokenIsPassedOnToo() throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + kubernetes.port() + "/api/v1/session"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + FakeClusterAuth.BOB + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(signedIn.statusCode()).isEqualTo(200);

    assertThat(get(browser, kubernetes.port(), USAGE, null).statusCode()).isEqualTo(200);

    assertThat(operator.received).extracting(FakeOperator.Received::authorization).containsExactly("Bearer " + FakeClusterAuth.BOB);
  }

  @Test
  void theDemoWithoutAuthenticationSendsNoToken() throws Exception {
    assertThat(get(HttpClient.newHttpClient(), none.port(), EVENTS, null).statusCode()).isEqualTo(200);
    assertThat(operator.received).extracting(FakeOperator.Received::authorization).containsExactly((String) null);
  }

  @Test
  void hoursOutsideItsRangeIs400NamingIt() throws Exception {
    HttpResponse<String> answer = get(HttpClient.newHttpClient(), kubernetes.port(), HISTORY + "?hours=500", FakeClusterAuth.ALICE);
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("\"field\":\"hours\"");
    assertThat(operator.received).isEmpty();
  }

  @Test
  void usageOverTimeIsDrawnPerProviderWithWhenTheWindowLetsTokensGo() {
    try (Browser browser = Browser.launch()) {
      PlaywrightAssertions.setDefaultAssertionTimeout(8_000);
      for (ColorScheme scheme : new ColorScheme[] {ColorScheme.LIGHT, ColorScheme.DARK}) {
        Page page = browser.page(Browser.DESKTOP, scheme);
        page.navigate("http://127.0.0.1:" + none.port() + "/");
        Locator budget = page.locator("#budget-list li[data-agenttype='agents/coder']");
        assertThat(budget.locator(".budget-text")).hasText("42,000 / 100,000 tokens in 5h");
        assertThat(budget.locator("svg.chart rect")).hasCount(4);
        assertThat(budget.locator("svg.chart")).hasAttribute("aria-label",
            "Tokens per hour, last 24 h: 42,000 tokens: anthropic 32,000, deepseek 10,000");
        assertThat(budget.locator(".legend")).hasText("anthropicdeepseek");
        assertThat(budget.locator(".history-note")).containsText("the oldest counted tokens leave the window at");
        Browser.assertAccessible(page, "budgets with a chart, " + scheme);
        page.context().close();
      }
    }
  }
}

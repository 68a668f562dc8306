package io.failover.agents.app;

import static io.failover.agents.operator.testing.RunningOperator.NS;
import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.failover.agents.api.Agent;
import io.failover.agents.operator.testing.RunningOperator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Secret values never reach the logs: the operator runs with the shipped logging (logback), its own
 * and the controller framework's loggers at DEBUG and everything else at INFO, through failover, key rotation, a deleted env
 * Secret, steering and rejected reports, and no captured line or stack trace holds an API key or a
 * report token, right or forged.
 */
class SecretsStayOutOfLogsTest {
  private static final Duration WITHIN = Duration.ofSeconds(10);
  private static final String FORGED_TOKEN = "forged-report-token-0123456789";

  @TempDir Path dir;
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private Logger root;
  private final List<Logger> debugged = new ArrayList<>();
  private final List<Level> debuggedLevels = new ArrayList<>();
  private Level rootLevel;
  private RunningOperator op;

  @BeforeEach
  void captureLogs() {
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    rootLevel = root.getLevel();
    root.setLevel(Level.INFO);
    // the operator's own code and the controller framework, which sees every resource, at DEBUG
    for (String name : List.of("io.failover.agents", "io.javaoperatorsdk")) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      debugged.add(logger);
      debuggedLevels.add(logger.getLevel());
      logger.setLevel(Level.DEBUG);
    }
    captured.start();
    root.addAppender(captured);
  }

  @AfterEach
  void restoreLogging() {
    if (op != null) {
      op.close();
    }
    root.detachAppender(captured);
    root.setLevel(rootLevel);
    for (int i = 0; i < debugged.size(); i++) {
      debugged.get(i).setLevel(debuggedLevels.get(i));
    }
  }

  @Test
  void noKeyOrTokenIsEverLogged() throws Exception {
    op = RunningOperator.start(dir);
    op.providerKeys();
    op.agentType("coder", THREE_TIERS);
    op.agent("coder-1", "coder");
    await().atMost(WITHIN).until(() -> op.env("coder-1").containsKey("FAILOVER_REPORT_TOKEN"));
    String token = op.env("coder-1").get("FAILOVER_REPORT_TOKEN");
    String url = op.http() + "/api/v1/namespaces/" + NS + "/agents/coder-1/outcomes";

    assertThat(post(url, FORGED_TOKEN, "{\"id\":\"a\",\"result\":\"success\",\"tier\":1}")).isEqualTo(403);
    assertThat(post(url, token, "{\"id\":\"b\",\"result\":\"error\",\"httpStatus\":\"abc\",\"tier\":1}")).isEqualTo(400);
    assertThat(post(url, token, "{\"id\":\"c\",\"result\":\"error\",\"httpStatus\":401,\"tier\":1}")).isEqualTo(202);
    await().atMost(WITHIN).until(() -> "2".equals(op.env("coder-1").get("AGENT_TIER")));
    op.secret("deepseek-key", "api-key", "sk-ds-two");
    await().atMost(WITHIN).until(() -> "sk-ds-two".equals(op.env("coder-1").get("AGENT_API_KEY")));
    op.client.secrets().inNamespace(NS).withName("coder-1-provider-env").delete();
    await().atMost(WITHIN).until(() -> op.env("coder-1").containsKey("FAILOVER_REPORT_TOKEN"));
    String newToken = op.env("coder-1").get("FAILOVER_REPORT_TOKEN");
    op.annotate("coder-1", Agent.RESET_TIER_ANNOTATION, "now");
    await().atMost(WITHIN).until(() -> "1".equals(op.env("coder-1").get("AGENT_TIER")));
    op.client.secrets().inNamespace(NS).withName("anthropic-key").delete();
    await().atMost(WITHIN).until(() -> op.get("coder-1").getStatus().getConditions().stream()
        .anyMatch(c -> "CredentialsNotFound".equals(c.getReason())));

    List<String> lines = captured.list.stream().map(SecretsStayOutOfLogsTest::render).toList();
    assertThat(lines).as("the controller framework's debug logging was captured").anyMatch(line -> line.startsWith("io.javaoperatorsdk"));
    assertThat(String.join("\n", lines))
        .doesNotContain("sk-ant-one", "sk-ds-one", "sk-ds-two", token, newToken, FORGED_TOKEN);
  }

  private static String render(ILoggingEvent event) {
    String throwable = event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy());
    return event.getLoggerName() + " " + event.getFormattedMessage() + " " + throwable;
  }

  private static int post(String url, String token, String body) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    return response.statusCode();
  }
}

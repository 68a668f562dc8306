package io.failover.agents.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.failover.agents.operator.testing.RunningOperator.NS;
import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import io.failover.agents.access.AuthMode;
import io.failover.agents.api.AgentType;
import io.failover.agents.core.outcome.Report;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Type-scoped agent type's circuits (SPEC section 10) in Debian's Chromium, against the real
 * dashboard and operator on the mock API: the open circuit counts down, and its close button goes
 * through the operator's action API, which closes the circuits and brings the fleet back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardCircuitsBrowserTest {
  @TempDir static Path dir;
  RunningDashboard running;
  Browser browser;
  final List<String> consoleErrors = new ArrayList<>();

  @BeforeAll
  void start() {
    Assumptions.assumeTrue(Browser.available(), "no /usr/bin/chromium (apt-get install chromium): skipping browser tests");
    running = RunningDashboard.start(dir, AuthMode.NONE);
    running.op.providerKeys();
    running.op.agentType("fleet", THREE_TIERS + "failover: {scope: Type, cooldownSeconds: 600}\n");
    running.op.agent("fleet-1", "fleet");
    running.op.agent("fleet-2", "fleet");
    await().atMost(Duration.ofSeconds(15)).until(() -> running.op.env("fleet-2").containsKey("FAILOVER_REPORT_TOKEN")
        && type().getStatus() != null && type().getStatus().getCircuits() != null);
    browser = Browser.launch();
    PlaywrightAssertions.setDefaultAssertionTimeout(8_000);
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (running != null) {
      running.close();
    }
  }

  AgentType type() {
    return running.op.client.resources(AgentType.class).inNamespace(NS).withName("fleet").get();
  }

  @Test
  void anOpenCircuitCountsDownAndItsCloseButtonBringsTheFleetBack() {
    Page page = browser.page(Browser.DESKTOP, ColorScheme.LIGHT);
    page.onConsoleMessage(message -> {
      if (message.type().equals("error") && !message.text().startsWith("Failed to load resource")) {
        consoleErrors.add(message.text());
      }
    });
    page.navigate(running.url + "/");
    Locator circuits = page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Circuits of fleet"));
    assertThat(circuits.locator("li.circuit[data-tier='1']")).hasText("tier 1 (anthropic): closed");

    running.op.report("fleet-1", Report.failed(402).onTier(1));

    Locator tier1 = circuits.locator("li.circuit[data-tier='1']");
    assertThat(tier1).hasText(Pattern.compile("tier 1 \\(anthropic\\): open, half-open in (10:00|9:\\d\\d) · 1 trip"));
    assertThat(tier1).hasClass(Pattern.compile("circuit-open"));
    String before = tier1.textContent();
    assertThat(tier1).not().hasText(before); // the countdown moves on its own
    Browser.assertAccessible(page, "an open circuit");
    await().atMost(Duration.ofSeconds(10)).until(() -> running.op.get("fleet-2").getStatus().getTier() == 2);

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Close circuits of agents/fleet")).click();

    assertThat(tier1).hasText("tier 1 (anthropic): closed · 1 trip");
    assertThat(page.locator("#agenttypes button.close-circuits")).hasCount(0);
    await().atMost(Duration.ofSeconds(10)).until(() -> running.op.get("fleet-1").getStatus().getTier() == 1
        && running.op.get("fleet-2").getStatus().getTier() == 1);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(running.op.ledger()
        .events(NS, "", Optional.empty(), 10).items()).anySatisfy(event -> {
          assertThat(event.event()).isEqualTo("CircuitClosed");
          assertThat(event.agentType()).isEqualTo("fleet");
        }));
    assertThat(consoleErrors).isEmpty();
  }
}

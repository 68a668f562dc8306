package io.failover.agents.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import io.failover.agents.access.AuthMode;
import io.failover.agents.core.outcome.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page with agents in every state it draws: tier 1, 2 and 3, paused at the end of the chain,
 * and stepped down by a spent token budget (the gauge icon). The picture goes to target/; with
 * -Ddocs.screenshot=true it replaces docs/dashboard.png, which the README shows.
 */
class DashboardScreenshotTest {
  @TempDir Path dir;

  @Test
  void everyStateIsDrawnAndPhotographed() throws Exception {
    Assumptions.assumeTrue(Browser.available(), "no /usr/bin/chromium: skipping the screenshot");
    try (RunningDashboard running = RunningDashboard.start(dir, AuthMode.NONE); Browser browser = Browser.launch()) {
      running.op.providerKeys();
      running.op.agentType("coder", THREE_TIERS);
      running.op.agentType("reviewer", """
          providerChain:
          - {provider: anthropic, model: claude-opus-4-1, credentialsSecretRef: {name: anthropic-key, key: api-key}}
          - {provider: deepseek, model: deepseek-reasoner, credentialsSecretRef: {name: deepseek-key, key: api-key}}
          failover: {tokenBudget: {limitTokens: 200000, window: 5h}}
          template: {spec: {containers: [{name: agent, image: example.com/agent:1}]}}
          """);
      for (String agent : new String[] {"coder-1", "coder-2", "coder-3", "coder-4"}) {
        running.op.agent(agent, "coder");
      }
      running.op.agent("reviewer-1", "reviewer");
      await().atMost(Duration.ofSeconds(10)).until(() -> running.op.get("reviewer-1").getStatus() != null
          && running.op.get("coder-4").getStatus() != null);

      running.op.report("coder-1", Report.failed(401));
      running.op.report("coder-2", Report.failed(429).withRetryAfter(1800));
      await().atMost(Duration.ofSeconds(5)).until(() -> running.op.get("coder-2").getStatus().getTier() == 2);
      running.op.report("coder-2", Report.failed(402));
      for (int failure : new int[] {401, 402, 429}) {
        int before = running.op.get("coder-3").getStatus().getTier();
        running.op.report("coder-3", Report.failed(failure));
        await().atMost(Duration.ofSeconds(5)).until(() -> running.op.get("coder-3").getStatus().getTier() > before
            || Boolean.TRUE.equals(running.op.get("coder-3").getStatus().getPaused()));
      }
      running.op.report("reviewer-1", Report.succeeded().withTokens(180_000, 40_000));

      Page page = browser.page();
      page.navigate(running.url + "/");
      assertThat(page.locator("tr[data-agent='agents/reviewer-1'] .budget-mark")).isVisible();
      assertThat(page.locator("tr[data-agent='agents/coder-3'] .tier-badge")).hasAttribute("data-badge", "paused");
      assertThat(page.locator("tr[data-agent='agents/coder-2'] .tier-badge")).hasAttribute("data-badge", "3");
      page.waitForTimeout(1_500);
      Path target = Path.of("target", "dashboard.png");
      page.screenshot(new Page.ScreenshotOptions().setPath(target));
      assertThat(Files.size(target)).isGreaterThan(10_000);
      // the same page on a phone in dark mode, for a look (not copied to docs/)
      Page phone = browser.page(Browser.PHONE, com.microsoft.playwright.options.ColorScheme.DARK);
      phone.navigate(running.url + "/");
      assertThat(phone.locator("tr[data-agent='agents/coder-3'] .tier-badge")).hasAttribute("data-badge", "paused");
      phone.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "dashboard-phone-dark.png")).setFullPage(true));
      if (Boolean.getBoolean("docs.screenshot")) {
        Files.copy(target, Path.of(System.getProperty("docs.dir"), "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}

package io.failover.agents.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.failover.agents.api.Agent;
import io.failover.agents.dashboard.auth.AuthMode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Signing in with a Kubernetes token in the browser, and what a user without rights sees. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardSignInBrowserTest {
  @TempDir static Path dir;
  RunningDashboard running;
  Browser browser;

  @BeforeAll
  void start() {
    Assumptions.assumeTrue(Browser.available(), "no /usr/bin/chromium: skipping browser tests");
    running = RunningDashboard.start(dir, AuthMode.KUBERNETES);
    running.op.providerKeys();
    running.op.agentType("coder", THREE_TIERS);
    running.op.agent("coder-1", "coder");
    await().atMost(Duration.ofSeconds(10)).until(() -> running.op.get("coder-1").getStatus() != null);
    browser = Browser.launch();
    PlaywrightAssertions.setDefaultAssertionTimeout(5_000);
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

  Page signIn(String token) {
    Page page = browser.page();
    page.navigate(running.url + "/");
    assertThat(page.locator("#signin")).isVisible();
    assertThat(page.locator("#summary")).isHidden(); // no counts on the sign-in page
    Browser.assertAccessible(page, "the sign-in page");
    page.locator("#token").fill(token);
    page.locator("#signin-submit").click();
    return page;
  }

  @Test
  void aTokenTheClusterRejectsIsRefusedAtSignIn() {
    Page page = signIn("not-a-token");

    assertThat(page.locator("#signin-error")).isVisible();
    assertThat(page.locator("#signin-error")).containsText("did not accept");
    assertThat(page.locator("#app")).isHidden();
    assertThat(page.locator("#summary")).isHidden(); // no counts before there is data to count
  }

  @Test
  void aUserWhoMayOnlyReadSeesTheAgentsButIsRefusedAPause() {
    Page page = signIn(FakeClusterAuth.BOB);
    assertThat(page.locator("#user")).hasText("bob");
    assertThat(page.locator("tr[data-agent='agents/coder-1'] .tier-badge")).hasAttribute("data-badge", "1");

    page.locator("tr[data-agent='agents/coder-1'] button.pause").click();

    assertThat(page.locator("#notice")).isVisible();
    assertThat(page.locator("#notice")).containsText("bob may not patch agents");
    page.waitForTimeout(1_000);
    assertThat(running.op.get("coder-1").getMetadata().getAnnotations()).doesNotContainKey(Agent.PAUSE_ANNOTATION);
    assertThat(page.locator("tr[data-agent='agents/coder-1'] .tier-badge")).hasAttribute("data-badge", "1");
    assertThat(page.locator("tr[data-agent='agents/coder-1'] .pending")).isHidden();
  }

  @Test
  void aUserWithRightsPausesThroughTheirSession() {
    Page page = signIn(FakeClusterAuth.ALICE);
    assertThat(page.locator("#user")).hasText("alice");

    page.locator("tr[data-agent='agents/coder-1'] button.pause").click();

    assertThat(page.locator("tr[data-agent='agents/coder-1'] .tier-badge")).hasAttribute("data-badge", "paused");
    page.locator("tr[data-agent='agents/coder-1'] button.resume").click();
    assertThat(page.locator("tr[data-agent='agents/coder-1'] .tier-badge")).hasAttribute("data-badge", "1");
  }
}

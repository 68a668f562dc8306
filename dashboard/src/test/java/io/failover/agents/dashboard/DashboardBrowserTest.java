package io.failover.agents.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.failover.agents.operator.testing.RunningOperator.NS;
import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.ColorScheme;
import io.failover.agents.access.AuthMode;
import io.failover.agents.core.outcome.Report;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agents list and the agent's own view in Debian's Chromium (no emoji font on this machine),
 * against the real dashboard and operator on the mock API. Each test uses agents of its own, so the
 * order the tests run in does not matter. The editor has its own class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
  @TempDir static Path dir;
  RunningDashboard running;
  Browser browser;
  final List<String> consoleErrors = new ArrayList<>();

  @BeforeAll
  void start() {
    Assumptions.assumeTrue(Browser.available(), "no /usr/bin/chromium (apt-get install chromium): skipping browser tests");
    running = RunningDashboard.start(dir, AuthMode.NONE);
    running.op.providerKeys();
    running.op.agentType("coder", THREE_TIERS);
    running.op.agentType("broken", """
        providerChain:
        - {provider: anthropic, model: "", credentialsSecretRef: {name: anthropic-key, key: api-key}}
        template: {spec: {containers: [{name: agent, image: example.com/agent:1}]}}
        """);
    for (int i = 1; i <= 10; i++) {
      running.op.agent("coder-" + i, "coder");
    }
    running.op.agent("orphan-1", "missing");
    running.op.agent("broken-1", "broken");
    running.op.agent("broken-2", "broken");
    await().atMost(Duration.ofSeconds(15)).until(() -> running.op.get("coder-10").getStatus() != null
        && running.op.get("broken-2").getStatus() != null && running.op.get("orphan-1").getStatus() != null);
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

  Page open(int width, ColorScheme scheme, String path) {
    Page page = browser.page(width, scheme);
    // script errors; a refused request (a 404 the page expects, the network cut on purpose) is not one
    page.onConsoleMessage(message -> {
      if (message.type().equals("error") && !message.text().startsWith("Failed to load resource")) {
        consoleErrors.add(message.text());
      }
    });
    page.navigate(running.url + path);
    return page;
  }

  Page open() {
    Page page = open(Browser.DESKTOP, ColorScheme.LIGHT, "/");
    assertThat(row(page, "coder-1")).isVisible();
    return page;
  }

  static Locator row(Page page, String agent) {
    return page.locator("tr[data-agent='agents/" + agent + "']");
  }

  static Locator badge(Page page, String agent) {
    return row(page, agent).locator(".tier-badge");
  }

  @Test
  void theBadgeTurnsTwoAfterAFailoverAndTheCooldownCountsDown() {
    Page page = open();
    assertThat(badge(page, "coder-1")).hasAttribute("data-badge", "1");
    assertThat(badge(page, "coder-1")).containsText("tier 1 of 3");

    running.op.report("coder-1", Report.failed(401).onTier(1));

    assertThat(badge(page, "coder-1")).hasAttribute("data-badge", "2");
    assertThat(badge(page, "coder-1")).containsText("tier 2 of 3, deepseek");
    assertThat(row(page, "coder-1").locator(".provider")).hasText("deepseek");
    assertThat(row(page, "coder-1").locator(".last-failure")).containsText("auth");
    Locator cooldown = row(page, "coder-1").locator(".cooldown");
    assertThat(cooldown).hasText(Pattern.compile("1[45]:\\d\\d"));
    String before = cooldown.textContent();
    page.waitForTimeout(2_100);
    assertThat(cooldown.textContent()).isLessThan(before);
    assertThat(page.locator("#count-degraded")).not().hasText("0 degraded");
    assertThat(page).hasTitle(Pattern.compile("^\\(\\d+ degraded\\) agent failover$"));
    assertThat(consoleErrors).isEmpty();
  }

  @Test
  void resetBringsBackTierOne() {
    running.op.report("coder-2", Report.failed(429));
    Page page = open();
    assertThat(badge(page, "coder-2")).hasAttribute("data-badge", "2");

    row(page, "coder-2").getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new Locator.GetByRoleOptions().setName("Reset coder-2 to tier 1")).click();

    assertThat(badge(page, "coder-2")).hasAttribute("data-badge", "1");
    assertThat(row(page, "coder-2").locator(".cooldown")).hasText("");
    assertThat(row(page, "coder-2").locator(".pending")).isHidden();
  }

  @Test
  void pauseAndResumeKeepTheKeyboardFocusOnTheSameButton() {
    Page page = open();
    Locator toggle = row(page, "coder-3").locator("td.actions button").first();
    assertThat(toggle).hasAttribute("aria-label", "Pause coder-3");
    toggle.focus();

    page.keyboard().press("Enter");

    assertThat(badge(page, "coder-3")).hasAttribute("data-badge", "paused");
    assertThat(row(page, "coder-3").locator(".paused-reason")).hasText("Manual");
    assertThat(toggle).hasAttribute("aria-label", "Resume coder-3");
    assertThat(page.locator(":focus")).hasAttribute("aria-label", "Resume coder-3");

    page.keyboard().press("Enter");

    assertThat(badge(page, "coder-3")).hasAttribute("data-badge", "1");
    assertThat(page.locator(":focus")).hasAttribute("aria-label", "Pause coder-3");
  }

  @Test
  void countsAreDrawnWithTheRowsAndNeverAsZeroBeforeTheData() {
    Page page = browser.page(Browser.DESKTOP, ColorScheme.LIGHT);
    page.addInitScript("""
        window.__countsBeforeRows = [];
        new MutationObserver(() => {
          const summary = document.querySelector('#summary');
          const firstRow = document.querySelector('tr[data-agent]');
          if (!summary) return;
          if (!firstRow && !summary.hidden) window.__countsBeforeRows.push(summary.textContent);
          if (firstRow && window.__countsWithFirstRow === undefined) window.__countsWithFirstRow = document.querySelector('#count-total').textContent;
        }).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
        """);
    page.navigate(running.url + "/");
    assertThat(row(page, "coder-1")).isVisible();

    assertThat(page.evaluate("window.__countsBeforeRows.length")).isEqualTo(0);
    int agents = running.op.client.resources(io.failover.agents.api.Agent.class).inNamespace(NS).list().getItems().size();
    assertThat(page.evaluate("window.__countsWithFirstRow")).isEqualTo(agents + " agents");
  }

  @Test
  void iconsAreSvgWithNamesAndNoGlyphNeedsAnEmojiFont() {
    running.op.report("coder-9", Report.failed(401));
    Page page = open();
    assertThat(badge(page, "coder-9")).hasAttribute("data-badge", "2");
    page.locator("tr[data-agent='agents/coder-10'] td.actions button").first().click();
    assertThat(badge(page, "coder-10")).hasAttribute("data-badge", "paused");

    assertThat(Browser.glyphsNeedingSpecialFonts(page)).isEmpty();
    for (Locator button : row(page, "coder-10").locator("td.actions button").all()) {
      assertThat(button.locator("svg")).hasCount(1);
      assertThat(button.getAttribute("aria-label")).contains(" coder-10").doesNotContainPattern("[^\\x20-\\x7e]");
      assertThat(button.locator("svg").boundingBox().width).isGreaterThan(10);
    }
    assertThat(badge(page, "coder-10").locator("svg")).hasCount(1);
    page.navigate(running.url + "/agents/agents/coder-10");
    assertThat(page.locator("#agent-facts")).containsText("paused");
    assertThat(Browser.glyphsNeedingSpecialFonts(page)).isEmpty();
  }

  @Test
  void atPhoneWidthTheAgentsAreReadableCardsAndNothingScrollsSideways() {
    Page page = open(Browser.PHONE, ColorScheme.LIGHT, "/");
    assertThat(row(page, "coder-1")).isVisible();

    assertThat(page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")).isEqualTo(true);
    assertThat(row(page, "coder-1").boundingBox().width).isGreaterThan(340);
    assertThat(row(page, "coder-1").locator("a.agent-name").boundingBox().width).isGreaterThan(40);
    assertThat(row(page, "coder-1").locator(".provider").boundingBox().width).isGreaterThan(40);
    assertThat(row(page, "coder-1").locator("td.actions button").first().boundingBox().height).isGreaterThanOrEqualTo(36);
    for (Locator cell : page.locator("#agents tbody tr:not([hidden]) td.cooldown").all()) {
      assertThat(cell.evaluate("c => c.scrollWidth <= c.clientWidth + 1")).isEqualTo(true);
    }
    page.navigate(running.url + "/agents/agents/coder-1");
    assertThat(page.locator("#agent-facts")).containsText("Switch mode");
    assertThat(page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")).isEqualTo(true);
  }

  @Test
  void theColoursFollowTheSystemsDarkMode() {
    Page dark = open(Browser.DESKTOP, ColorScheme.DARK, "/");
    assertThat(row(dark, "coder-1")).isVisible();
    Page light = open(Browser.DESKTOP, ColorScheme.LIGHT, "/");
    assertThat(row(light, "coder-1")).isVisible();

    String script = "() => { const c = getComputedStyle(document.querySelector('.table-wrap')).backgroundColor.match(/\\d+/g).map(Number);"
        + " return (c[0] * 299 + c[1] * 587 + c[2] * 114) / 1000; }";
    assertThat(((Number) dark.evaluate(script)).doubleValue()).isLessThan(60);
    assertThat(((Number) light.evaluate(script)).doubleValue()).isGreaterThan(200);
  }

  @Test
  void everyViewHasNoSeriousAccessibilityViolationAtBothWidthsInLightAndDark() {
    for (int width : new int[] {Browser.PHONE, Browser.DESKTOP}) {
      for (ColorScheme scheme : new ColorScheme[] {ColorScheme.LIGHT, ColorScheme.DARK}) {
        String where = width + " px, " + scheme;
        Page page = open(width, scheme, "/");
        assertThat(row(page, "coder-1")).isVisible();
        Browser.assertAccessible(page, "the list at " + where);
        assertThat(Browser.glyphsNeedingSpecialFonts(page)).as(where).isEmpty();

        page.navigate(running.url + "/agents/agents/coder-4");
        assertThat(page.locator("#agent-conditions tbody tr").first()).isVisible();
        Browser.assertAccessible(page, "the agent view at " + where);
        page.context().close();
      }
    }
  }

  @Test
  void theStatusSaysInWordsWhenTheOperatorCannotBeReached() {
    Page page = open();
    assertThat(page.locator("#live")).hasText("live");
    running.op.stopRole();
    try {
      page.reload();
      // the page asks every 10 s, the dashboard asks the operator at most every 3 s
      assertThat(page.locator("#status-banner")).containsText("cannot be reached (connection refused)",
          new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
      assertThat(page.locator("#status-banner")).not().containsText("null");
      page.navigate(running.url + "/agents/agents/coder-4");
      assertThat(page.locator("#ledger-empty")).containsText("Provider events unavailable: the operator at");
      assertThat(page.locator("#ledger-empty")).not().containsText(": null");
    } finally {
      running.op.startRole();
    }
  }

  @Test
  void whileTheDashboardIsGoneTheTableIsMarkedStaleAndCountdownsStop() {
    running.op.report("coder-7", Report.failed(401));
    DashboardRole.Settings settings = new DashboardRole.Settings("127.0.0.1", 0, running.op.http(), AuthMode.NONE, java.util.Set.of());
    DashboardRole first = DashboardRole.start(running.op.client, settings, java.time.Clock.systemUTC());
    int port = first.port();
    DashboardRole second = null;
    try {
      await().atMost(Duration.ofSeconds(10)).until(first::ready);
      Page page = browser.page();
      page.navigate("http://127.0.0.1:" + port + "/");
      assertThat(badge(page, "coder-7")).hasAttribute("data-badge", "2");
      assertThat(page.locator("#live")).hasText("live");

      first.close();

      assertThat(page.locator("#live")).hasText("stale");
      assertThat(page.locator("#agents")).hasClass(Pattern.compile("stale"));
      assertThat(page.locator("#status-banner")).containsText("may be out of date");
      String frozen = row(page, "coder-7").locator(".cooldown").textContent();
      page.waitForTimeout(2_100);
      assertThat(row(page, "coder-7").locator(".cooldown")).hasText(frozen);
      row(page, "coder-8").locator("td.actions button").first().click();
      assertThat(page.locator("#notice")).containsText("cannot be reached (network error)");
      assertThat(page.locator("#notice")).not().containsText("Failed to fetch");

      second = DashboardRole.start(running.op.client, new DashboardRole.Settings("127.0.0.1", port, running.op.http(),
          AuthMode.NONE, java.util.Set.of()), java.time.Clock.systemUTC());

      assertThat(page.locator("#live")).hasText("live", new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(20_000));
      assertThat(page.locator("#agents")).not().hasClass(Pattern.compile("stale"));
      assertThat(page.locator("#status-banner")).isHidden();
      page.context().close();
    } finally {
      first.close();
      if (second != null) {
        second.close();
      }
    }
  }

  @Test
  void agentsOfAMissingOrInvalidTypeShowANotReadyBadgeAndTheReasonOnce() {
    await().atMost(Duration.ofSeconds(10)).until(() -> running.op.get("broken-2").getStatus().getConditions().stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("False")));
    Page page = open();

    assertThat(badge(page, "orphan-1")).hasAttribute("data-badge", "not-ready");
    assertThat(badge(page, "orphan-1")).not().containsText("tier");
    assertThat(row(page, "orphan-1").locator(".not-ready")).hasText("agent type missing");
    assertThat(badge(page, "broken-1")).hasAttribute("data-badge", "not-ready");
    assertThat(row(page, "broken-1").locator(".not-ready")).hasText("agent type invalid");
    assertThat(page.locator("li[data-agenttype='agents/broken'] .valid")).containsText("must not be empty");
    assertThat(page.locator("#list-view")).not().containsText("must not be empty");
    assertThat(((Number) page.evaluate("document.body.innerText.split('must not be empty').length - 1")).intValue()).isEqualTo(1);

    page.locator("#count-not-ready").click();
    assertThat(page).hasURL(Pattern.compile("state=not-ready"));
    assertThat(row(page, "orphan-1")).isVisible();
    assertThat(row(page, "coder-1")).isHidden();
  }

  @Test
  void searchFilterAndSortLiveInTheAddressAndSurviveAReload() {
    Page page = open();
    page.locator("#search").fill("coder-5");

    assertThat(page).hasURL(Pattern.compile("\\?q=coder-5$"));
    assertThat(row(page, "coder-5")).isVisible();
    assertThat(row(page, "coder-6")).isHidden();
    assertThat(page.locator("#shown-count")).hasText(Pattern.compile("^1 of \\d+ agents shown$"));

    page.reload();
    assertThat(page.locator("#search")).hasValue("coder-5");
    assertThat(row(page, "coder-5")).isVisible();
    assertThat(row(page, "coder-6")).isHidden();

    page.locator("#search").fill("");
    assertThat(page).hasURL(running.url + "/");
    page.locator("#agents th[data-sort='name'] button").click();
    assertThat(page.locator("#agents th[data-sort='name']")).hasAttribute("aria-sort", "descending");
    assertThat(page).hasURL(Pattern.compile("sort=name&dir=desc|dir=desc"));
    assertThat(page.locator("#agents tbody tr:not([hidden])").first()).hasAttribute("data-agent", "agents/orphan-1");
    page.locator("#agents th[data-sort='tier'] button").click();
    assertThat(page.locator("#agents th[data-sort='tier']")).hasAttribute("aria-sort", "ascending");
  }

  @Test
  void theDegradedCountFiltersTheList() {
    running.op.report("coder-6", Report.failed(402));
    Page page = open();
    assertThat(badge(page, "coder-6")).hasAttribute("data-badge", "2");

    page.locator("#count-degraded").click();

    assertThat(page).hasURL(Pattern.compile("state=degraded"));
    assertThat(page.locator("#count-degraded")).hasAttribute("aria-pressed", "true");
    assertThat(row(page, "coder-6")).isVisible();
    assertThat(row(page, "coder-5")).isHidden();
    assertThat(page.locator("#filter-state")).hasValue("degraded");
  }

  @Test
  void bulkActionsAskWithTheCountThenActOnEverySelectedAgent() {
    Page page = open();
    row(page, "coder-5").locator("input.select-agent").check();
    row(page, "coder-8").locator("input.select-agent").check();
    assertThat(page.locator("#bulk-count")).hasText("2 agents selected");

    page.locator("#bulk-pause").click();

    assertThat(page.locator("#confirm")).isVisible();
    assertThat(page.locator("#confirm .confirm-message")).containsText("Pause 2 agents?");
    page.locator("#confirm .confirm-ok").click();
    assertThat(badge(page, "coder-5")).hasAttribute("data-badge", "paused");
    assertThat(badge(page, "coder-8")).hasAttribute("data-badge", "paused");
    assertThat(page.locator("#bulk-bar")).isHidden();

    row(page, "coder-5").locator("input.select-agent").check();
    row(page, "coder-8").locator("input.select-agent").check();
    page.locator("#bulk-resume").click();
    page.locator("#confirm .confirm-ok").click();
    assertThat(badge(page, "coder-5")).hasAttribute("data-badge", "1");
    assertThat(badge(page, "coder-8")).hasAttribute("data-badge", "1");
  }

  @Test
  void theAgentViewHasItsOwnAddressAndItsLedgerAndEventsStayLive() {
    running.op.report("coder-4", Report.failed(402));
    Page page = open();
    assertThat(badge(page, "coder-4")).hasAttribute("data-badge", "2");

    row(page, "coder-4").locator("a.agent-name").click();

    assertThat(page).hasURL(running.url + "/agents/agents/coder-4");
    assertThat(page.locator("#agent-title")).containsText("coder-4");
    assertThat(page.locator("#agent-title")).isFocused();
    assertThat(page.locator("#agent-facts")).containsText("Switch mode");
    assertThat(page.locator("#agent-facts")).containsText("Restart");
    assertThat(page.locator("#agent-conditions")).containsText("Ready");
    assertThat(page.locator("#agent-conditions")).containsText("Degraded");
    assertThat(page.locator("tr.ledger-event").first()).containsText("TierChanged");
    assertThat(page.locator("tr.ledger-event").first()).containsText("quota");
    assertThat(page.locator("#k8s-events")).containsText("TierChanged");
    int before = page.locator("tr.ledger-event").count();

    running.op.report("coder-4", Report.failed(401).onTier(2));

    assertThat(page.locator("tr.ledger-event")).hasCount(before + 1);
    assertThat(page.locator("tr.ledger-event").first()).containsText("auth");

    page.keyboard().press("Escape");
    assertThat(page).hasURL(running.url + "/");
    assertThat(row(page, "coder-4").locator("a.agent-name")).isFocused();

    Page direct = open(Browser.DESKTOP, ColorScheme.LIGHT, "/agents/agents/coder-4");
    assertThat(direct.locator("tr.ledger-event").first()).containsText("auth");
  }

  @Test
  void usageOverTimeIsDrawnFromTheOperatorsHistory() {
    running.op.report("coder-1", Report.succeeded().withTokens(1200, 300));
    Page page = open();
    Locator budget = page.locator("#budget-list li[data-agenttype='agents/coder']");
    assertThat(budget.locator(".budget-text")).containsText("no budget");
    assertThat(budget.locator("figure.usage-chart svg.chart")).isVisible();
    assertThat(budget.locator("figure.usage-chart svg.chart")).hasAttribute("aria-label",
        java.util.regex.Pattern.compile("Tokens per hour, last 24 h: [0-9,]+ tokens"));
  }
}

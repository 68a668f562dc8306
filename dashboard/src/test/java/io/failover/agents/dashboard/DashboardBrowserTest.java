package io.failover.agents.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.failover.agents.operator.testing.RunningOperator.NS;
import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.failover.agents.api.crd.admission.Admission;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.failover.agents.api.AgentType;
import io.failover.agents.dashboard.auth.AuthMode;
import io.failover.agents.operator.intake.OutcomeReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The agents page in Debian's Chromium, against the real dashboard and operator on the mock API. */
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
    for (int i = 1; i <= 4; i++) {
      running.op.agent("coder-" + i, "coder");
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> running.op.get("coder-4").getStatus() != null);
    browser = Browser.launch();
    com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(5_000);
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

  Page open() {
    Page page = browser.page();
    page.onConsoleMessage(message -> {
      if (message.type().equals("error")) {
        consoleErrors.add(message.text());
      }
    });
    page.navigate(running.url + "/");
    assertThat(page.locator("tr[data-agent='agents/coder-1']")).isVisible();
    return page;
  }

  Locator row(Page page, String agent) {
    return page.locator("tr[data-agent='agents/" + agent + "']");
  }

  @Test
  void theBadgeTurnsTwoAfterAFailoverAndTheCooldownCountsDown() {
    Page page = open();
    Locator badge = row(page, "coder-1").locator(".tier-badge");
    assertThat(badge).hasText("①");

    running.op.report("coder-1", OutcomeReport.failed(401).onTier(1));

    assertThat(badge).hasText("②");
    assertThat(row(page, "coder-1").locator(".provider")).hasText("deepseek");
    assertThat(row(page, "coder-1").locator(".last-failure")).containsText("auth");
    Locator cooldown = row(page, "coder-1").locator(".cooldown");
    assertThat(cooldown).hasText(java.util.regex.Pattern.compile("1[45]:\\d\\d"));
    String before = cooldown.textContent();
    page.waitForTimeout(2_100);
    assertThat(cooldown.textContent()).isLessThan(before);
    assertThat(page.locator("#count-degraded")).not().hasText("0");
    assertThat(consoleErrors).isEmpty();
  }

  @Test
  void resetBringsBackTierOne() {
    running.op.report("coder-2", OutcomeReport.failed(429));
    Page page = open();
    Locator badge = row(page, "coder-2").locator(".tier-badge");
    assertThat(badge).hasText("②");

    row(page, "coder-2").locator("button.reset").click();

    assertThat(badge).hasText("①");
    assertThat(row(page, "coder-2").locator(".cooldown")).hasText("");
  }

  @Test
  void pauseShowsACrossAndResumeClearsIt() {
    Page page = open();
    Locator badge = row(page, "coder-3").locator(".tier-badge");

    row(page, "coder-3").locator("button.pause").click();

    assertThat(badge).hasText("✕");
    assertThat(row(page, "coder-3").locator(".paused-reason")).hasText("Manual");
    assertThat(row(page, "coder-3").locator("button.resume")).isVisible();

    row(page, "coder-3").locator("button.resume").click();

    assertThat(badge).hasText("①");
    assertThat(row(page, "coder-3").locator("button.pause")).isVisible();
  }

  @Test
  void theLedgerViewListsTheAgentsProviderEvents() {
    running.op.report("coder-4", OutcomeReport.failed(402));
    Page page = open();
    assertThat(row(page, "coder-4").locator(".tier-badge")).hasText("②");

    row(page, "coder-4").locator("button.agent-name").click();

    assertThat(page.locator("#ledger")).isVisible();
    assertThat(page.locator("tr.ledger-event").first()).containsText("TierChanged");
    assertThat(page.locator("tr.ledger-event").first()).containsText("quota");
  }

  @Test
  void theEditorValidatesBeforeSavingAndSaves() {
    Page page = open();
    page.locator("#agenttypes li[data-agenttype='agents/coder'] button.edit").click();
    assertThat(page.locator("#editor")).isVisible();
    Locator secondModel = page.locator(".chain-row").nth(1).locator("input.model-input");
    assertThat(secondModel).hasValue("deepseek-chat");

    secondModel.fill("");

    assertThat(page.locator("#editor-problems li.problem", new Page.LocatorOptions().setHasText("model")))
        .containsText("spec.providerChain[1].model: must not be empty");
    assertThat(page.locator("#save")).isDisabled();

    secondModel.fill("deepseek-reasoner");
    page.locator("#cooldown").fill("120");

    assertThat(page.locator("#save")).isEnabled();
    page.locator("#save").click();
    assertThat(page.locator("#editor-status")).containsText("saved");
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      AgentType stored = running.op.client.resources(AgentType.class).inNamespace(NS).withName("coder").get();
      assertThat(stored.getSpec().getProviderChain().get(1).getModel()).isEqualTo("deepseek-reasoner");
      assertThat(stored.getSpec().getFailover().getCooldownSeconds().longValue()).isEqualTo(120);
      assertThat(stored.getSpec().getTemplate()).as("fields the editor does not show are kept").isNotNull();
    });
    GenericKubernetesResource raw = running.op.client.genericKubernetesResources("agents.failover.io/v1alpha1", "AgentType")
        .inNamespace(NS).withName("coder").get();
    assertThat(Admission.agentTypes().validate(new ObjectMapper().valueToTree(raw)))
        .as("what the editor saved, as a real API server would admit it").isEmpty();
  }

  @Test
  void theEditorFlagsDuplicateProvidersAndOffersYaml() {
    Page page = open();
    page.locator("#agenttypes li[data-agenttype='agents/coder'] button.edit").click();
    page.locator(".chain-row").nth(2).locator("select.provider-select").selectOption("deepseek");

    assertThat(page.locator("#editor-problems li.problem", new Page.LocatorOptions().setHasText("Duplicate value")))
        .containsText("spec.providerChain[2].provider: Duplicate value: \"deepseek\"");

    page.locator(".chain-row").nth(2).locator("select.provider-select").selectOption("ollama");
    page.locator(".chain-row").nth(2).locator("input.base-url").fill("http://ollama.ollama:11434");
    page.locator("#copy-yaml").click();
    assertThat(page.locator("#yaml")).hasValue(java.util.regex.Pattern.compile(
        "apiVersion: agents.failover.io/v1alpha1[\\s\\S]*kind: AgentType[\\s\\S]*providerChain:"));
    assertThat(Admission.agentTypes().validate(Admission.yaml(page.locator("#yaml").inputValue())))
        .as("the copied YAML applies with kubectl").isEmpty();
    page.locator("#editor-close").click();
  }
}

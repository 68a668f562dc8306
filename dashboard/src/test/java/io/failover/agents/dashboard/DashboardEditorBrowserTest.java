package io.failover.agents.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.failover.agents.operator.testing.RunningOperator.NS;
import static io.failover.agents.operator.testing.RunningOperator.THREE_TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.ColorScheme;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.failover.agents.api.AgentType;
import io.failover.agents.api.crd.admission.Admission;
import io.failover.agents.dashboard.auth.AuthMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The provider-chain editor in Chromium, against the real dashboard and operator on the mock API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardEditorBrowserTest {
  static final String TYPE = "editme";

  @TempDir static Path dir;
  RunningDashboard running;
  Browser browser;

  @BeforeAll
  void start() {
    Assumptions.assumeTrue(Browser.available(), "no /usr/bin/chromium: skipping browser tests");
    running = RunningDashboard.start(dir, AuthMode.NONE);
    running.op.providerKeys();
    browser = Browser.launch();
    PlaywrightAssertions.setDefaultAssertionTimeout(8_000);
  }

  @BeforeEach
  void freshType() {
    running.op.agentType(TYPE, THREE_TIERS);
    awaitStatusOfTheCurrentSpec();
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

  AgentType stored() {
    return running.op.client.resources(AgentType.class).inNamespace(NS).withName(TYPE).get();
  }

  /** Waits for the operator's status write for the current spec (the write that bumps the resourceVersion). */
  void awaitStatusOfTheCurrentSpec() {
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      AgentType type = stored();
      return type.getStatus() != null && type.getMetadata().getGeneration().equals(type.getStatus().getObservedGeneration());
    });
  }

  Page openEditor(int width, ColorScheme scheme) {
    Page page = browser.page(width, scheme);
    page.navigate(running.url + "/");
    Locator edit = page.locator("#agenttypes li[data-agenttype='agents/" + TYPE + "'] button.edit");
    edit.click();
    assertThat(page.locator("#editor")).isVisible();
    assertThat(page.locator(".chain-row").nth(1).locator("input.model-input")).hasValue("deepseek-chat");
    return page;
  }

  Page openEditor() {
    return openEditor(Browser.DESKTOP, ColorScheme.LIGHT);
  }

  @Test
  void problemsNameTheTierAsThePageShowsItAndMarkTheField() {
    Page page = openEditor();
    Locator secondModel = page.getByLabel("Tier 2 Model", new Page.GetByLabelOptions().setExact(true));
    assertThat(secondModel).hasValue("deepseek-chat");

    secondModel.fill("");

    assertThat(page.locator("#editor-problems li.problem")).containsText("Tier 2 model: must not be empty");
    assertThat(page.locator("#editor-problems")).not().containsText("providerChain[1]");
    assertThat(secondModel).hasAttribute("aria-invalid", "true");
    assertThat(page.locator("#save")).isDisabled();

    secondModel.fill("deepseek-reasoner");
    page.locator("#cooldown").fill("120");

    assertThat(secondModel).not().hasAttribute("aria-invalid", "true");
    page.locator("#save").click();
    assertThat(page.locator("#editor-status")).hasText("saved");
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      AgentType type = stored();
      assertThat(type.getSpec().getProviderChain().get(1).getModel()).isEqualTo("deepseek-reasoner");
      assertThat(type.getSpec().getFailover().getCooldownSeconds().longValue()).isEqualTo(120);
      assertThat(type.getSpec().getTemplate()).as("fields the editor does not show are kept").isNotNull();
    });
    GenericKubernetesResource raw = running.op.client.genericKubernetesResources("agents.failover.io/v1alpha1", "AgentType")
        .inNamespace(NS).withName(TYPE).get();
    assertThat(Admission.agentTypes().validate(new ObjectMapper().valueToTree(raw)))
        .as("what the editor saved, as a real API server would admit it").isEmpty();
  }

  @Test
  void aSecondSaveAfterTheOperatorWroteTheStatusIsNoConflict() {
    Page page = openEditor();
    page.locator("#cooldown").fill("300");
    page.locator("#save").click();
    assertThat(page.locator("#editor-status")).hasText("saved");
    awaitStatusOfTheCurrentSpec();

    page.locator("#cooldown").fill("400");
    page.locator("#save").click();

    assertThat(page.locator("#editor-status")).hasText("saved");
    assertThat(page.locator("#editor-problems")).isHidden();
    assertThat(stored().getSpec().getFailover().getCooldownSeconds().longValue()).isEqualTo(400);
  }

  @Test
  void aRealChangeOfTheSpecMeanwhileIsAConflictToReloadOrOverwrite() {
    Page page = openEditor();
    running.op.client.resources(AgentType.class).inNamespace(NS).withName(TYPE).edit(type -> {
      type.getSpec().getProviderChain().get(0).setModel("claude-opus-4-1");
      return type;
    });
    page.locator("#cooldown").fill("500");
    page.locator("#save").click();

    assertThat(page.locator("#editor-problems li.save-error"))
        .hasText(Pattern.compile("^Someone else changed this AgentType's spec since you opened it\\. Reload it .*overwrite it with your edits\\.$"));
    assertThat(page.locator("#editor-reload")).isVisible();
    assertThat(page.locator("#editor-overwrite")).isVisible();

    page.locator("#editor-overwrite").click();

    assertThat(page.locator("#editor-status")).hasText("saved");
    AgentType type = stored();
    assertThat(type.getSpec().getFailover().getCooldownSeconds().longValue()).isEqualTo(500);
    assertThat(type.getSpec().getProviderChain().get(0).getModel()).as("overwritten with what the form held").isEqualTo("claude-sonnet-4-5");
  }

  @Test
  void escapeClosesButUnsavedEditsAreNotDiscardedUnasked() {
    Page page = openEditor();
    assertThat(page.locator(".chain-row").first().locator("select.provider-select")).isFocused();
    page.keyboard().press("Escape");
    assertThat(page.locator("#editor")).isHidden();
    assertThat(page.locator("#agenttypes li[data-agenttype='agents/" + TYPE + "'] button.edit")).isFocused();

    page.locator("#agenttypes li[data-agenttype='agents/" + TYPE + "'] button.edit").click();
    page.locator("#cooldown").fill("42");
    page.keyboard().press("Escape");
    assertThat(page.locator("#confirm")).isVisible();
    assertThat(page.locator("#confirm .confirm-message")).containsText("Discard your unsaved edits");
    page.locator("#confirm .confirm-cancel").click();
    assertThat(page.locator("#editor")).isVisible();
    assertThat(page.locator("#cooldown")).hasValue("42");

    page.locator("#editor-close").click();
    page.locator("#confirm .confirm-ok").click();
    assertThat(page.locator("#editor")).isHidden();
    assertThat(stored().getSpec().getFailover()).isNull();
  }

  @Test
  void anotherProviderDoesNotKeepTheOldProvidersSecret() {
    Page page = openEditor();
    Locator first = page.locator(".chain-row").first();
    assertThat(first.locator("input.secret-name")).hasValue("anthropic-key");

    first.locator("select.provider-select").selectOption("openrouter");

    assertThat(first.locator("input.secret-name")).hasValue("");
    assertThat(first.locator("input.secret-name")).hasAttribute("placeholder", "openrouter-key");
    assertThat(page.locator("#editor-problems")).containsText("Tier 1 Secret name");
  }

  @Test
  void savingWithNoTriggerTickedAsksFirst() {
    Page page = openEditor();
    for (Locator box : page.locator("input.trigger").all()) {
      box.uncheck();
    }
    assertThat(page.locator("#editor-warnings")).containsText("No trigger is ticked");

    page.locator("#save").click();

    assertThat(page.locator("#confirm .confirm-message")).containsText("never fail over");
    page.locator("#confirm .confirm-cancel").click();
    assertThat(page.locator("#editor-status")).hasText("");
    assertThat(stored().getSpec().getFailover()).isNull();
  }

  @Test
  void duplicateProvidersAreFlaggedAndTheYamlApplies() {
    Page page = openEditor();
    page.locator(".chain-row").nth(2).locator("select.provider-select").selectOption("deepseek");

    assertThat(page.locator("#editor-problems li.problem", new Page.LocatorOptions().setHasText("Tier 3 provider")))
        .containsText("Tier 3 provider: Duplicate value: \"deepseek\" (also tier 2)");

    page.locator(".chain-row").nth(2).locator("select.provider-select").selectOption("ollama");
    page.locator(".chain-row").nth(2).locator("input.base-url").fill("http://ollama.ollama:11434");
    page.locator("#copy-yaml").click();
    assertThat(page.locator("#yaml")).hasValue(Pattern.compile(
        "apiVersion: agents.failover.io/v1alpha1[\\s\\S]*kind: AgentType[\\s\\S]*providerChain:"));
    assertThat(Admission.agentTypes().validate(Admission.yaml(page.locator("#yaml").inputValue())))
        .as("the copied YAML applies with kubectl").isEmpty();
  }

  @Test
  void theEditorFitsAPhoneAndIsAccessibleInLightAndDark() {
    for (int width : new int[] {Browser.PHONE, Browser.DESKTOP}) {
      for (ColorScheme scheme : new ColorScheme[] {ColorScheme.LIGHT, ColorScheme.DARK}) {
        Page page = openEditor(width, scheme);
        page.locator(".chain-row").nth(1).locator("input.model-input").fill("");
        assertThat(page.locator("#editor-problems li.problem")).isVisible();
        assertThat(page.locator("#editor").evaluate("d => d.scrollWidth <= d.clientWidth")).as(width + " px").isEqualTo(true);
        Browser.assertAccessible(page, "the editor at " + width + " px, " + scheme);
        assertThat(Browser.glyphsNeedingSpecialFonts(page)).isEmpty();
        page.context().close();
      }
    }
  }
}

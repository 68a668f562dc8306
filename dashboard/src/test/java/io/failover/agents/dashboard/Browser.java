package io.failover.agents.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ColorScheme;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium, headless, with its own network chatter switched off; Playwright never downloads a
 * browser. One per test class (a launch costs a second or two on two cores); each test opens its own
 * context at the size and colour scheme it needs. The machine has no emoji font (Debian's default), so
 * what the page draws here is what such a machine shows.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final int PHONE = 390;
  static final int DESKTOP = 1440;
  /** axe-core from npm (dashboard/package.json, installed by `npm ci`). */
  static final Path AXE = Path.of("node_modules", "axe-core", "axe.min.js");

  private final Playwright playwright;
  private final com.microsoft.playwright.Browser browser;

  private Browser(Playwright playwright, com.microsoft.playwright.Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  static boolean available() {
    return Files.isExecutable(CHROMIUM);
  }

  static Browser launch() {
    Playwright playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    com.microsoft.playwright.Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(CHROMIUM)
        .setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1, EXCLUDE localhost")));
    return new Browser(playwright, browser);
  }

  Page page() {
    return page(1280, ColorScheme.LIGHT);
  }

  Page page(int width, ColorScheme scheme) {
    return browser.newContext(new NewContextOptions().setViewportSize(width, width <= PHONE ? 844 : 900)
        .setColorScheme(scheme)).newPage();
  }

  /** Runs axe-core in the page; returns the serious and critical violations, one line each. */
  @SuppressWarnings("unchecked")
  static List<String> seriousAccessibilityViolations(Page page) {
    page.evaluate("() => {\n" + axeSource() + "\n}");
    Object found = page.evaluate("async () => { const result = await axe.run(document, {resultTypes: ['violations']});"
        + " return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
        + ".map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')); }");
    return (List<String>) found;
  }

  /**
   * Characters outside what every font has (ASCII, Latin-1 and general punctuation) in the page's
   * visible text and accessible names: emoji and symbol glyphs that show as empty boxes without an
   * emoji font.
   */
  @SuppressWarnings("unchecked")
  static List<String> glyphsNeedingSpecialFonts(Page page) {
    return (List<String>) page.evaluate("() => {"
        + " const bad = new Set();"
        + " const check = (text, where) => { for (const ch of text || '') { const c = ch.codePointAt(0);"
        + "   if (c > 0xFF && !(c >= 0x2000 && c <= 0x206F)) bad.add(ch + ' U+' + c.toString(16) + ' in ' + where); } };"
        + " const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);"
        + " while (walker.nextNode()) { const n = walker.currentNode; const e = n.parentElement;"
        + "   if (e && e.closest('[hidden]') === null && e.getClientRects().length) check(n.textContent, e.tagName); }"
        + " for (const e of document.querySelectorAll('[aria-label],[title]')) { check(e.getAttribute('aria-label'), 'aria-label'); check(e.getAttribute('title'), 'title'); }"
        + " for (const e of document.querySelectorAll('*')) { const content = getComputedStyle(e, '::before').content;"
        + "   if (content && content !== 'none' && content !== 'normal') check(content, '::before'); }"
        + " return [...bad]; }");
  }

  private static String axeSource() {
    if (!Files.exists(AXE)) {
      throw new IllegalStateException("axe-core is not installed: run `npm ci` in dashboard/ (.ci/run does)");
    }
    try {
      return Files.readString(AXE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void assertAccessible(Page page, String where) {
    assertThat(seriousAccessibilityViolations(page)).as("serious or critical axe-core violations: " + where).isEmpty();
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}

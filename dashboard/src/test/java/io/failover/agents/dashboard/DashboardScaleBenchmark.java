package io.failover.agents.dashboard;

import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentSpec;
import io.failover.agents.api.AgentStatus;
import io.failover.agents.dashboard.auth.AuthMode;
import io.failover.agents.operator.testing.MockCluster;
import com.microsoft.playwright.Page;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The dashboard with 2,000 agents in the mock API: the list API, the page in Chromium (first contentful
 * paint, the first rows, every row), a tier change reaching an open page and a search, each beside a
 * baseline from the same run where there is one. It prints figures and
 * asserts nothing about time. Run: mvn -B -pl dashboard -am test -Pbenchmark -Dsurefire.failIfNoSpecifiedTests=false
 */
@Tag("benchmark")
class DashboardScaleBenchmark {
  static final int AGENTS = 2_000;

  @Test
  void twoThousandAgents() throws Exception {
    Assumptions.assumeTrue(Browser.available(), "no /usr/bin/chromium");
    try (MockCluster cluster = MockCluster.start()) {
      KubernetesClient client = cluster.client;
      long setup = System.nanoTime();
      for (int i = 1; i <= AGENTS; i++) {
        agent(client, "agent-" + i);
      }
      System.out.printf("setup: %,d agents with status in %.1f s%n", AGENTS, (System.nanoTime() - setup) / 1e9);
      try (DashboardRole dashboard = DashboardRole.start(client,
              new DashboardRole.Settings("127.0.0.1", 0, "http://127.0.0.1:9", AuthMode.NONE, java.util.Set.of()), Clock.systemUTC());
          Browser browser = Browser.launch()) {
        String url = "http://127.0.0.1:" + dashboard.port();
        while (!dashboard.ready()) {
          Thread.sleep(50);
        }
        HttpClient http = HttpClient.newHttpClient();
        Figures list = timeRequests(http, url + "/api/v1/agents", 300);
        Figures liveness = timeRequests(http, url + "/health/liveness", 300);
        System.out.printf("GET /api/v1/agents (%,d items): %s; baseline GET /health/liveness: %s; p99 ratio %.1f%n",
            AGENTS, list, liveness, list.p99 / liveness.p99);

        Figures pageLoads = new Figures(new double[5]);
        Figures blankLoads = new Figures(new double[5]);
        Figures firstPaints = new Figures(new double[5]);
        Figures firstRows = new Figures(new double[5]);
        Figures firstRowPaints = new Figures(new double[5]);
        Figures tablePaints = new Figures(new double[5]);
        for (int round = 0; round < 5; round++) {
          Page page = browser.page();
          // the page's own clock: first contentful paint, and the first frame painted after the last row went in
          page.addInitScript("const painted = (name) => requestAnimationFrame(() => requestAnimationFrame(() => { window[name] = performance.now(); }));"
              + " new MutationObserver((m, o) => {"
              + " if (window.__firstRowPainted === undefined && window.__firstSeen === undefined && document.querySelector(\"tr[data-agent='bench/agent-1']\")) { window.__firstSeen = true; painted('__firstRowPainted'); }"
              + " if (document.querySelector(\"tr[data-agent='bench/agent-" + AGENTS + "']\")) { o.disconnect(); painted('__tablePainted'); }"
              + " }).observe(document, {subtree: true, childList: true});");
          long start = System.nanoTime();
          page.navigate(url + "/");
          page.locator("tr[data-agent='bench/agent-1']").waitFor();
          firstRows.samples[round] = (System.nanoTime() - start) / 1e6;
          page.locator("tr[data-agent='bench/agent-" + AGENTS + "']").waitFor();
          pageLoads.samples[round] = (System.nanoTime() - start) / 1e6;
          tablePaints.samples[round] = awaitNumber(page, "window.__tablePainted");
          firstRowPaints.samples[round] = awaitNumber(page, "window.__firstRowPainted");
          firstPaints.samples[round] = ((Number) page.evaluate(
              "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1")).doubleValue();
          Page blank = browser.page();
          start = System.nanoTime();
          blank.navigate(url + "/health/liveness");
          blankLoads.samples[round] = (System.nanoTime() - start) / 1e6;
          blank.close();
          if (round < 4) {
            page.close();
          }
        }
        System.out.printf("page until the first rows are in the table: %s; until it holds all %,d agents: %s; "
            + "baseline navigate to a tiny JSON page: %s; p50 ratios %.1f and %.1f%n", firstRows.sorted(), AGENTS,
            pageLoads.sorted(), blankLoads.sorted(), firstRows.p50 / blankLoads.p50, pageLoads.p50 / blankLoads.p50);
        System.out.printf("in Chromium's clock: first contentful paint %s; first rows painted %s; all %,d rows painted %s%n",
            firstPaints.sorted(), firstRowPaints.sorted(), AGENTS, tablePaints.sorted());

        Page open = browser.page();
        open.navigate(url + "/");
        open.locator("tr[data-agent='bench/agent-" + AGENTS + "']").waitFor();
        Figures visible = new Figures(new double[20]);
        Figures writes = new Figures(new double[20]);
        for (int round = 0; round < 20; round++) {
          String name = "agent-" + (round + 1);
          long start = System.nanoTime();
          Agent current = client.resources(Agent.class).inNamespace("bench").withName(name).get();
          current.getStatus().setTier(2);
          current.getStatus().setProvider("deepseek");
          client.resource(current).updateStatus();
          writes.samples[round] = (System.nanoTime() - start) / 1e6;
          open.locator("tr[data-agent='bench/" + name + "'] .tier-badge[data-badge='2']").waitFor();
          visible.samples[round] = (System.nanoTime() - start) / 1e6;
        }
        System.out.printf("tier change visible in an open page: %s; baseline API status write: %s; p99 ratio %.1f%n",
            visible.sorted(), writes.sorted(), visible.sorted().p99 / writes.sorted().p99);
        System.out.printf("targets: list p99 < 50 ms: %s; first rows within 1 s (median): %s; change visible within 1 s (p99): %s%n",
            list.p99 < 50 ? "met" : "NOT met", firstRows.sorted().p50 < 1000 ? "met" : "NOT met",
            visible.sorted().p99 < 1000 ? "met" : "NOT met");
        Figures filters = new Figures(new double[10]);
        for (int round = 0; round < 10; round++) {
          long start = System.nanoTime();
          open.locator("#search").fill(round % 2 == 0 ? "agent-19" : "");
          open.locator("tr[data-agent='bench/agent-1']").waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
              .setState(round % 2 == 0 ? com.microsoft.playwright.options.WaitForSelectorState.HIDDEN
                  : com.microsoft.playwright.options.WaitForSelectorState.VISIBLE));
          filters.samples[round] = (System.nanoTime() - start) / 1e6;
        }
        System.out.printf("search applied to %,d rows (150 ms typing pause included): %s%n", AGENTS, filters.sorted());
      }
    }
  }

  /** A number the page sets when it is ready, read without polling inside the page (its CSP forbids eval). */
  private static double awaitNumber(Page page, String expression) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      Object value = page.evaluate(expression);
      if (value instanceof Number number) {
        return number.doubleValue();
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(expression + " never set");
  }

  private static void agent(KubernetesClient client, String name) {
    Agent agent = new Agent();
    agent.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("bench").build());
    AgentSpec spec = new AgentSpec();
    spec.setType("coder");
    agent.setSpec(spec);
    Agent created = client.resource(agent).create();
    AgentStatus status = new AgentStatus();
    status.setTier(1);
    status.setProvider("anthropic");
    status.setModel("claude-sonnet-4-5");
    status.setPaused(false);
    status.setPausedReason("");
    created.setStatus(status);
    client.resource(created).updateStatus();
  }

  private static Figures timeRequests(HttpClient http, String url, int count) throws Exception {
    double[] samples = new double[count];
    for (int i = 0; i < count + 20; i++) {
      long start = System.nanoTime();
      HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(url + " answered " + response.statusCode());
      }
      if (i >= 20) {
        samples[i - 20] = (System.nanoTime() - start) / 1e6;
      }
    }
    return new Figures(samples).sorted();
  }

  static final class Figures {
    final double[] samples;
    double p50;
    double p99;

    Figures(double[] samples) {
      this.samples = samples;
    }

    Figures sorted() {
      double[] copy = samples.clone();
      Arrays.sort(copy);
      p50 = copy[copy.length / 2];
      p99 = copy[Math.max(0, (int) Math.ceil(copy.length * 0.99) - 1)];
      return this;
    }

    @Override
    public String toString() {
      return String.format("p50 %.1f ms, p99 %.1f ms (n=%d)", p50, p99, samples.length);
    }
  }


}

package io.failover.agents.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Means of the operator's own timers, read from its /metrics, to tell the server's share of a latency. */
final class ServerSideFigures {
  private ServerSideFigures() {}

  static String describe(String operatorBase) throws Exception {
    String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(operatorBase + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return String.format("server side: intake mean %.2f ms over %.0f reports; ledger commit mean %.2f ms over %.0f groups",
        mean(metrics, "failover_intake_latency_seconds") * 1000, value(metrics, "failover_intake_latency_seconds_count"),
        mean(metrics, "failover_ledger_commit_latency_seconds") * 1000,
        value(metrics, "failover_ledger_commit_latency_seconds_count"));
  }

  private static double mean(String metrics, String timer) {
    double count = value(metrics, timer + "_count");
    return count == 0 ? 0 : value(metrics, timer + "_sum") / count;
  }

  private static double value(String metrics, String name) {
    Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(metrics);
    return matcher.find() ? Double.parseDouble(matcher.group(2)) : 0;
  }
}

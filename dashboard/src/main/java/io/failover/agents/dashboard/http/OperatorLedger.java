package io.failover.agents.dashboard.http;

import io.failover.agents.dashboard.auth.ApiException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The operator's read API (the ledger and budget usage), which the dashboard passes on as it answers. */
public final class OperatorLedger {
  private final String baseUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  public OperatorLedger(String baseUrl) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
  }

  record Answer(int status, String body) {}

  Answer get(String pathAndQuery) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
          .timeout(Duration.ofSeconds(10)).header("Accept", "application/json").build(),
          HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (java.io.IOException unreachable) {
      throw new ApiException(503, "the operator at " + baseUrl + " cannot be reached: " + unreachable.getMessage());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, "interrupted");
    }
  }
}

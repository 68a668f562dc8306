package io.failover.agents.dashboard.http;

import io.failover.agents.dashboard.auth.ApiException;
import io.failover.agents.dashboard.auth.Caller;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * The operator's read API (the ledger and budget usage), which the dashboard passes on as it answers,
 * asked with the signed-in user's own Kubernetes token (SPEC section 11: the operator checks that
 * the user may get the Agent or AgentType); in the demo's {@code --auth none} no token is sent.
 */
public final class OperatorLedger {
  private final String baseUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  public OperatorLedger(String baseUrl) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
  }

  record Answer(int status, String body) {}

  String baseUrl() {
    return baseUrl;
  }

  Answer get(String pathAndQuery, Caller caller) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
        .timeout(Duration.ofSeconds(10)).header("Accept", "application/json");
    caller.token().ifPresent(token -> request.header("Authorization", "Bearer " + token));
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException unreachable) {
      throw new ApiException(503, "the operator at " + baseUrl + " cannot be reached (" + describe(unreachable) + ")");
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, "the dashboard was interrupted while asking the operator");
    }
  }

  /** Asks the operator's readiness; a problem in words, or empty when it answers ready. */
  String problem(Duration timeout) {
    try {
      HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/health/readiness"))
          .timeout(timeout).build(), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() == 200) {
        return "";
      }
      return "the operator at " + baseUrl + " is not ready (readiness answered " + response.statusCode()
          + "): reports are not applied until it is";
    } catch (IOException unreachable) {
      return "the operator at " + baseUrl + " cannot be reached (" + describe(unreachable) + "): pause, resume and "
          + "reset are recorded on the Agent but nothing acts on them until it is back";
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** An I/O failure in words; the JDK's own messages are often null. */
  static String describe(IOException failure) {
    if (failure instanceof ConnectException) {
      return "connection refused";
    }
    if (failure instanceof HttpTimeoutException) {
      return "no answer in time";
    }
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }
}

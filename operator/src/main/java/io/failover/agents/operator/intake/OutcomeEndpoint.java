package io.failover.agents.operator.intake;

import io.failover.agents.api.Agent;
import io.failover.agents.operator.http.ApiResponse;
import io.failover.agents.operator.http.BearerToken;
import io.failover.agents.operator.ledger.Appended;
import io.failover.agents.operator.ledger.LedgerUnavailableException;
import io.failover.agents.operator.metrics.FailoverMetrics;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/namespaces/{ns}/agents/{name}/outcomes}, with the answers of SPEC section 6
 * checked in its order: 404, 401, 403, 415, 413, 400, then 202 once durable (200 for a repeated
 * id). A 503 comes first while the operator's caches are not synced, and when the ledger cannot
 * commit: nothing is acknowledged that is not durable.
 */
public final class OutcomeEndpoint {
  public static final int MAX_BODY_BYTES = 65_536;
  private static final Pattern JSON_SUFFIX = Pattern.compile("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+\\+json");

  private final OutcomeIntake intake;
  private final BooleanSupplier ready;
  private final FailoverMetrics metrics;

  public OutcomeEndpoint(OutcomeIntake intake, BooleanSupplier ready, FailoverMetrics metrics) {
    this.intake = intake;
    this.ready = ready;
    this.metrics = metrics;
  }

  /** A report answered before its body was read (by the HTTP server's gate), counted like the others. */
  public void answeredEarly(ApiResponse response) {
    metrics.intakeAnswer(response.status());
  }

  /** The answer to one report; each answer is counted by status code in the metrics. */
  public CompletableFuture<ApiResponse> handle(String namespace, String name, Optional<String> authorization,
      Optional<String> contentType, byte[] body) {
    return answer(namespace, name, authorization, contentType, body)
        .whenComplete((response, failure) -> metrics.intakeAnswer(response == null ? 500 : response.status()));
  }

  private CompletableFuture<ApiResponse> answer(String namespace, String name, Optional<String> authorization,
      Optional<String> contentType, byte[] body) {
    long start = System.nanoTime();
    Optional<ApiResponse> refused = checkHeaders(namespace, name, authorization, contentType);
    if (refused.isPresent()) {
      return done(refused.get());
    }
    if (body.length > MAX_BODY_BYTES) {
      return done(tooLarge(body.length));
    }
    Agent agent = intake.agent(namespace, name).orElseThrow();
    OutcomeRequestParser.Parsed parsed = OutcomeRequestParser.parse(body);
    if (parsed.error().isPresent()) {
      return done(parsed.error().get());
    }
    return intake.submit(agent, parsed.report().orElseThrow())
        .thenApply(OutcomeEndpoint::accepted)
        .exceptionally(OutcomeEndpoint::unavailable)
        .whenComplete((response, failure) -> metrics.intakeLatency(Duration.ofNanos(System.nanoTime() - start)));
  }

  /**
   * The checks that need only the request's headers, in the SPEC's order (503 while starting, 404,
   * 401, 403, 415): the HTTP front answers them before a byte of the body is read.
   */
  public Optional<ApiResponse> checkHeaders(String namespace, String name, Optional<String> authorization,
      Optional<String> contentType) {
    if (!ready.getAsBoolean()) {
      return Optional.of(ApiResponse.error(503, "the operator is starting; try again shortly"));
    }
    Optional<Agent> agent = intake.agent(namespace, name);
    if (agent.isEmpty()) {
      return Optional.of(ApiResponse.error(404, "agent " + namespace + "/" + name + " not found"));
    }
    Optional<String> token = authorization.flatMap(BearerToken::of);
    if (token.isEmpty()) {
      return Optional.of(ApiResponse.error(401, "Authorization: expected \"Bearer <FAILOVER_REPORT_TOKEN>\""));
    }
    if (!intake.tokenMatches(agent.get(), token.get())) {
      return Optional.of(ApiResponse.error(403, "this token is not the report token of agent " + namespace + "/" + name));
    }
    if (!isJson(contentType)) {
      return Optional.of(ApiResponse.error(415, "Content-Type: must be application/json"));
    }
    return Optional.empty();
  }

  public static ApiResponse tooLarge(long bytes) {
    return ApiResponse.error(413, "the body is " + (bytes > MAX_BODY_BYTES ? "over " : "") + MAX_BODY_BYTES
        + " bytes; at most " + MAX_BODY_BYTES + " are accepted");
  }

  static boolean isJson(Optional<String> contentType) {
    if (contentType.isEmpty()) {
      return false;
    }
    String value = contentType.get();
    int parameters = value.indexOf(';');
    String mediaType = (parameters < 0 ? value : value.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
    return mediaType.equals("application/json") || JSON_SUFFIX.matcher(mediaType).matches();
  }

  private static ApiResponse accepted(Appended appended) {
    return new ApiResponse(appended.repeated() ? 200 : 202, Map.of("seq", appended.seq()));
  }

  private static ApiResponse unavailable(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof LedgerUnavailableException) {
      return ApiResponse.error(503, "the ledger cannot take the report right now; retry with the same id");
    }
    return ApiResponse.error(500, "the report could not be stored: " + cause.getClass().getSimpleName());
  }

  private static CompletableFuture<ApiResponse> done(ApiResponse response) {
    return CompletableFuture.completedFuture(response);
  }
}

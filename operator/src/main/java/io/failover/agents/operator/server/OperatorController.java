package io.failover.agents.operator.server;

import io.failover.agents.api.Agent;
import io.failover.agents.operator.http.ApiResponse;
import io.failover.agents.operator.intake.OutcomeEndpoint;
import io.failover.agents.operator.metrics.FailoverMetrics;
import io.failover.agents.operator.query.LedgerReadEndpoints;
import io.failover.agents.operator.steering.ActionEndpoints;
import io.failover.agents.operator.tier.TierEndpoint;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The operator role's HTTP interface (SPEC section 6); each route hands over to a plain endpoint class. */
@Controller
@Requires(property = OperatorHttpServer.ROLE_PROPERTY, value = OperatorHttpServer.ROLE)
public final class OperatorController {
  private final OutcomeEndpoint outcomes;
  private final LedgerReadEndpoints ledger;
  private final OperatorHealth health;
  private final FailoverMetrics metrics;
  private final ActionEndpoints actions;
  private final TierEndpoint tier;

  OperatorController(OutcomeEndpoint outcomes, LedgerReadEndpoints ledger, OperatorHealth health, FailoverMetrics metrics,
      ActionEndpoints actions, TierEndpoint tier) {
    this.actions = actions;
    this.tier = tier;
    this.outcomes = outcomes;
    this.ledger = ledger;
    this.health = health;
    this.metrics = metrics;
  }

  @Post(uri = "/api/v1/namespaces/{namespace}/agents/{name}/outcomes", consumes = MediaType.ALL)
  CompletableFuture<MutableHttpResponse<?>> report(String namespace, String name, HttpRequest<?> request,
      @Body @Nullable byte[] body) {
    return outcomes.handle(namespace, name, request.getHeaders().findFirst(HttpHeaders.AUTHORIZATION),
            request.getHeaders().findFirst(HttpHeaders.CONTENT_TYPE), body == null ? new byte[0] : body)
        .thenApply(OperatorController::json);
  }

  /** Non-blocking: a long-poll holds no thread while it waits. */
  @Get("/api/v1/namespaces/{namespace}/agents/{name}/tier")
  CompletableFuture<MutableHttpResponse<?>> tier(String namespace, String name, HttpRequest<?> request,
      @QueryValue @Nullable String waitSeconds, @QueryValue @Nullable String after) {
    return tier.handle(namespace, name, authorization(request), Optional.ofNullable(waitSeconds), Optional.ofNullable(after))
        .thenApply(OperatorController::json);
  }

  @Get("/api/v1/namespaces/{namespace}/agents/{name}/provider-events")
  @ExecuteOn(TaskExecutors.BLOCKING)
  MutableHttpResponse<?> providerEvents(String namespace, String name, HttpRequest<?> request,
      @QueryValue @Nullable String limit, @QueryValue @Nullable String before) {
    return json(ledger.providerEvents(namespace, name, authorization(request), Optional.ofNullable(limit),
        Optional.ofNullable(before)));
  }

  @Get("/api/v1/namespaces/{namespace}/agenttypes/{name}/usage")
  @ExecuteOn(TaskExecutors.BLOCKING)
  MutableHttpResponse<?> usage(String namespace, String name, HttpRequest<?> request) {
    return json(ledger.usage(namespace, name, authorization(request)));
  }

  @Get("/api/v1/namespaces/{namespace}/agenttypes/{name}/usage-history")
  @ExecuteOn(TaskExecutors.BLOCKING)
  MutableHttpResponse<?> usageHistory(String namespace, String name, HttpRequest<?> request,
      @QueryValue @Nullable String hours) {
    return json(ledger.usageHistory(namespace, name, authorization(request), Optional.ofNullable(hours)));
  }

  @Post(uri = "/api/v1/namespaces/{namespace}/agents/{name}/reset-tier", consumes = MediaType.ALL)
  @ExecuteOn(TaskExecutors.BLOCKING)
  MutableHttpResponse<?> resetTier(String namespace, String name, HttpRequest<?> request) {
    return json(actions.act(namespace, name, Agent.RESET_TIER_ANNOTATION, authorization(request)));
  }

  @Post(uri = "/api/v1/namespaces/{namespace}/agents/{name}/pause", consumes = MediaType.ALL)
  @ExecuteOn(TaskExecutors.BLOCKING)
  MutableHttpResponse<?> pause(String namespace, String name, HttpRequest<?> request) {
    return json(actions.act(namespace, name, Agent.PAUSE_ANNOTATION, authorization(request)));
  }

  @Post(uri = "/api/v1/namespaces/{namespace}/agents/{name}/unpause", consumes = MediaType.ALL)
  @ExecuteOn(TaskExecutors.BLOCKING)
  MutableHttpResponse<?> unpause(String namespace, String name, HttpRequest<?> request) {
    return json(actions.act(namespace, name, Agent.UNPAUSE_ANNOTATION, authorization(request)));
  }

  @Post(uri = "/api/v1/namespaces/{namespace}/agenttypes/{name}/close-circuits", consumes = MediaType.ALL)
  @ExecuteOn(TaskExecutors.BLOCKING)
  MutableHttpResponse<?> closeCircuits(String namespace, String name, HttpRequest<?> request) {
    return json(actions.closeCircuits(namespace, name, authorization(request)));
  }

  private static Optional<String> authorization(HttpRequest<?> request) {
    return request.getHeaders().findFirst(HttpHeaders.AUTHORIZATION);
  }

  @Get("/health/liveness")
  MutableHttpResponse<?> liveness() {
    return status(health.live().getAsBoolean());
  }

  @Get("/health/readiness")
  MutableHttpResponse<?> readiness() {
    return status(health.ready().getAsBoolean());
  }

  /** Off the event loop: the token budgets' use is read from the ledger at each scrape. */
  @Get(uri = "/metrics", produces = "text/plain; version=0.0.4; charset=utf-8")
  @ExecuteOn(TaskExecutors.BLOCKING)
  String metrics() {
    return metrics.scrape();
  }

  static MutableHttpResponse<?> status(boolean up) {
    return HttpResponse.status(up ? io.micronaut.http.HttpStatus.OK : io.micronaut.http.HttpStatus.SERVICE_UNAVAILABLE)
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(Map.of("status", up ? "UP" : "DOWN"));
  }

  static MutableHttpResponse<?> json(ApiResponse response) {
    return HttpResponse.status(io.micronaut.http.HttpStatus.valueOf(response.status()))
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(response.body());
  }
}

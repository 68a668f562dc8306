package io.failover.agents.operator.tier;

import io.failover.agents.api.Agent;
import io.failover.agents.core.AgentRef;
import io.failover.agents.operator.cluster.ClusterReads;
import io.failover.agents.operator.http.ApiResponse;
import io.failover.agents.operator.http.BearerToken;
import io.failover.agents.operator.intake.ReportTokens;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /api/v1/namespaces/{ns}/agents/{name}/tier} (SPEC section 9): the agent's committed
 * failover state, for the agent kit to pick the tier of its next task. Checked like the intake with
 * the agent's report token (503 while starting, 404, 401, 403), then 400 for a bad {@code waitSeconds}
 * or {@code after}. With {@code waitSeconds} above 0 it answers at once if {@code lastOutcomeSeq}
 * differs from {@code after}; otherwise it holds the request, without a thread, until a committed
 * status changes the answer or the seconds pass, and then answers the state as it is.
 */
public final class TierEndpoint {
  static final int MAX_WAIT_SECONDS = 30;

  private final ClusterReads cluster;
  private final BooleanSupplier ready;
  private final ReportTokens tokens = new ReportTokens();
  private final TierWaiters waiters = new TierWaiters();

  public TierEndpoint(ClusterReads cluster, BooleanSupplier ready) {
    this.cluster = cluster;
    this.ready = ready;
    cluster.onStatusCommitted(waiters::committed);
  }

  public CompletableFuture<ApiResponse> handle(String namespace, String name, Optional<String> authorization,
      Optional<String> waitText, Optional<String> afterText) {
    if (!ready.getAsBoolean()) {
      return done(ApiResponse.error(503, "the operator is starting; try again shortly"));
    }
    Optional<Agent> agent = cluster.agent(namespace, name);
    if (agent.isEmpty()) {
      return done(notFound(namespace, name));
    }
    Optional<String> token = authorization.flatMap(BearerToken::of);
    if (token.isEmpty()) {
      return done(ApiResponse.error(401, "Authorization: expected \"Bearer <FAILOVER_REPORT_TOKEN>\""));
    }
    if (!cluster.envSecret(agent.get()).map(secret -> tokens.matches(secret, token.get())).orElse(false)) {
      return done(ApiResponse.error(403, "this token is not the report token of agent " + namespace + "/" + name));
    }
    Optional<Long> wait = integer(waitText).filter(seconds -> seconds >= 0 && seconds <= MAX_WAIT_SECONDS);
    if (waitText.isPresent() && wait.isEmpty()) {
      return done(ApiResponse.fieldError(400, "waitSeconds", "must be an integer from 0 to " + MAX_WAIT_SECONDS));
    }
    Optional<Long> after = integer(afterText);
    if (afterText.isPresent() && after.isEmpty()) {
      return done(ApiResponse.fieldError(400, "after", "must be an integer (a lastOutcomeSeq)"));
    }
    if (wait.orElse(0L) == 0) {
      return done(ApiResponse.ok(TierState.of(agent.get().getStatus()).body()));
    }
    TierState now = TierState.of(agent.get().getStatus());
    if (after.isPresent() && after.get() != now.lastOutcomeSeq()) {
      return done(ApiResponse.ok(now.body()));
    }
    CompletableFuture<Optional<TierState>> next = waiters.next(new AgentRef(namespace, name), now,
        () -> cluster.agent(namespace, name).map(current -> TierState.of(current.getStatus())).orElse(now),
        Duration.ofSeconds(wait.get()));
    return next.thenApply(changed -> changed
        .map(state -> ApiResponse.ok(state.body()))
        .orElseGet(() -> cluster.agent(namespace, name)
            .map(current -> ApiResponse.ok(TierState.of(current.getStatus()).body()))
            .orElseGet(() -> notFound(namespace, name))));
  }

  /** Long-polls now held. */
  public int waiting() {
    return waiters.waiting();
  }

  private static ApiResponse notFound(String namespace, String name) {
    return ApiResponse.error(404, "agent " + namespace + "/" + name + " not found");
  }

  private static Optional<Long> integer(Optional<String> text) {
    return text.filter(value -> value.matches("-?[0-9]{1,18}")).map(Long::parseLong);
  }

  private static CompletableFuture<ApiResponse> done(ApiResponse response) {
    return CompletableFuture.completedFuture(response);
  }
}

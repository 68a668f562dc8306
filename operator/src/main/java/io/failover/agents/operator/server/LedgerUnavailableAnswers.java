package io.failover.agents.operator.server;

import io.failover.agents.operator.http.ApiResponse;
import io.failover.agents.operator.ledger.LedgerUnavailableException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A read the ledger cannot serve right now (a full or replaced file) is a 503 to retry, not a 500. */
@Singleton
@Requires(property = OperatorHttpServer.ROLE_PROPERTY, value = OperatorHttpServer.ROLE)
public final class LedgerUnavailableAnswers implements ExceptionHandler<LedgerUnavailableException, HttpResponse<?>> {
  @Override
  public HttpResponse<?> handle(HttpRequest request, LedgerUnavailableException exception) {
    return OperatorController.json(ApiResponse.error(503, "the ledger cannot be read right now; try again shortly"));
  }
}

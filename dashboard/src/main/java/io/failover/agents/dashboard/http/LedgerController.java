package io.failover.agents.dashboard.http;

import io.failover.agents.dashboard.auth.ApiException;
import io.failover.agents.dashboard.auth.Caller;
import io.failover.agents.dashboard.auth.Gate;
import io.failover.agents.dashboard.cluster.ClusterWatch;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** An agent's ledger and a type's budget usage, read from the operator for users who may read them. */
@Controller("/api/v1/namespaces/{namespace}")
@Requires(property = Role.PROPERTY, value = Role.DASHBOARD)
@ExecuteOn(TaskExecutors.BLOCKING)
final class LedgerController {
  private final Gate gate;
  private final ClusterWatch cluster;
  private final OperatorLedger operator;

  LedgerController(Gate gate, ClusterWatch cluster, OperatorLedger operator) {
    this.gate = gate;
    this.cluster = cluster;
    this.operator = operator;
  }

  @Get("/agents/{name}/provider-events")
  MutableHttpResponse<String> providerEvents(HttpRequest<?> request, String namespace, String name,
      @QueryValue @Nullable String limit, @QueryValue @Nullable String before) {
    Caller caller = gate.require(request, "get", "agents", namespace, name);
    if (cluster.agent(namespace, name).isEmpty()) {
      throw new ApiException(404, "agent " + namespace + "/" + name + " not found");
    }
    StringBuilder query = new StringBuilder();
    append(query, "limit", limit);
    append(query, "before", before);
    return pass(operator.get("/api/v1/namespaces/" + encode(namespace) + "/agents/" + encode(name) + "/provider-events"
        + query, caller));
  }

  @Get("/agenttypes/{name}/usage")
  MutableHttpResponse<String> usage(HttpRequest<?> request, String namespace, String name) {
    Caller caller = gate.require(request, "get", "agenttypes", namespace, name);
    return pass(operator.get("/api/v1/namespaces/" + encode(namespace) + "/agenttypes/" + encode(name) + "/usage", caller));
  }

  /**
   * Token usage over time per provider: an operator read endpoint the SPEC does not have yet
   * (docs/dashboard-api.md, "Needs from the operator"); an operator without it answers 404, passed on.
   */
  @Get("/agenttypes/{name}/usage-history")
  MutableHttpResponse<String> usageHistory(HttpRequest<?> request, String namespace, String name,
      @QueryValue @Nullable String hours) {
    Caller caller = gate.require(request, "get", "agenttypes", namespace, name);
    if (hours != null && !hours.matches("[1-9][0-9]{0,2}") || hours != null && Integer.parseInt(hours) > 168) {
      throw new ApiException(400, java.util.Optional.of("hours"), "hours: must be an integer from 1 to 168");
    }
    StringBuilder query = new StringBuilder();
    append(query, "hours", hours == null ? "24" : hours);
    return pass(operator.get("/api/v1/namespaces/" + encode(namespace) + "/agenttypes/" + encode(name)
        + "/usage-history" + query, caller));
  }

  private static void append(StringBuilder query, String key, String value) {
    if (value != null) {
      query.append(query.length() == 0 ? '?' : '&').append(key).append('=').append(encode(value));
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static MutableHttpResponse<String> pass(OperatorLedger.Answer answer) {
    return HttpResponse.<String>status(HttpStatus.valueOf(answer.status())).body(answer.body())
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }
}

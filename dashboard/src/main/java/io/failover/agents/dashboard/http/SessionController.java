package io.failover.agents.dashboard.http;

import io.failover.agents.access.AuthMode;
import io.failover.agents.access.KubernetesUsers;
import io.failover.agents.access.User;
import io.failover.agents.dashboard.auth.ApiException;
import io.failover.agents.dashboard.auth.Caller;
import io.failover.agents.dashboard.auth.Gate;
import io.failover.agents.dashboard.auth.Session;
import io.failover.agents.dashboard.auth.Sessions;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Signing in with a Kubernetes token, for the page; scripts send the token on every request instead. */
@Controller("/api/v1/session")
@Requires(property = Role.PROPERTY, value = Role.DASHBOARD)
@ExecuteOn(TaskExecutors.BLOCKING)
final class SessionController {
  private final Gate gate;

  SessionController(Gate gate) {
    this.gate = gate;
  }

  @Get
  Map<String, Object> current(HttpRequest<?> request) {
    Caller caller = gate.caller(request);
    return describe(caller.user(), caller.session().map(Session::csrfToken).orElse(""));
  }

  @Post
  MutableHttpResponse<?> signIn(HttpRequest<?> request, @Body @Nullable Map<String, Object> body) {
    if (gate.mode() == AuthMode.NONE) {
      return HttpResponse.ok(describe(Caller.ANONYMOUS.user(), ""));
    }
    Object token = body == null ? null : body.get("token");
    if (!(token instanceof String text) || text.isBlank()) {
      throw new ApiException(400, Optional.of("token"), "token: required");
    }
    User user = gate.users().authenticate(text.strip())
        .orElseThrow(() -> new ApiException(401, "the cluster did not accept this token"));
    Session session = gate.sessions().open(user.name(), user.groups(), text.strip());
    Cookie cookie = Cookie.of(Sessions.COOKIE, session.id()).httpOnly(true).sameSite(SameSite.Strict).path("/")
        .secure(request.isSecure());
    return HttpResponse.ok(describe(user.name(), session.csrfToken())).cookie(cookie);
  }

  @Delete
  MutableHttpResponse<?> signOut(HttpRequest<?> request) {
    Caller caller = gate.caller(request);
    caller.session().ifPresent(session -> gate.sessions().close(session.id()));
    return HttpResponse.noContent().cookie(Cookie.of(Sessions.COOKIE, "").maxAge(0).path("/"));
  }

  private Map<String, Object> describe(String user, String csrfToken) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("user", user);
    body.put("authMode", gate.mode().name().toLowerCase(Locale.ROOT));
    body.put("csrfToken", csrfToken);
    return body;
  }
}

package io.failover.agents.dashboard.auth;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Lets a request through or answers it: 401 without a valid Kubernetes token (header or session),
 * 403 for a cookie-authenticated write without the session's CSRF token, 403 when a
 * SubjectAccessReview says no. With {@code --auth none} (the demo) everyone is the anonymous user.
 */
public final class Gate {
  private final AuthMode mode;
  private final Sessions sessions;
  private final KubernetesUsers users;

  public Gate(AuthMode mode, Sessions sessions, KubernetesUsers users) {
    this.mode = mode;
    this.sessions = sessions;
    this.users = users;
  }

  public AuthMode mode() {
    return mode;
  }

  public Sessions sessions() {
    return sessions;
  }

  public KubernetesUsers users() {
    return users;
  }

  /** The caller, or 401; for writes through a session, also the CSRF check. */
  public Caller caller(HttpRequest<?> request) {
    if (mode == AuthMode.NONE) {
      return Caller.ANONYMOUS;
    }
    Optional<String> bearer = request.getHeaders().getAuthorization()
        .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
        .map(value -> value.substring(7).strip())
        .filter(token -> !token.isEmpty());
    if (bearer.isPresent()) {
      KubernetesUsers.User user = users.authenticate(bearer.get())
          .orElseThrow(() -> new ApiException(401, "the bearer token was not accepted by the cluster"));
      return new Caller(user.name(), user.groups(), bearer, Optional.empty());
    }
    Session session = request.getCookies().findCookie(Sessions.COOKIE).map(Cookie::getValue).flatMap(sessions::find)
        .orElseThrow(() -> new ApiException(401, "sign in with a Kubernetes token, or send Authorization: Bearer <token>"));
    if (isWrite(request.getMethod()) && !csrfMatches(request, session)) {
      throw new ApiException(403, "missing or wrong X-CSRF-Token header");
    }
    return new Caller(session.user(), session.groups(), Optional.of(session.token()), Optional.of(session));
  }

  /** The caller if they may {@code verb} the resource, else 403. */
  public Caller require(HttpRequest<?> request, String verb, String resource, String namespace, String name) {
    Caller caller = caller(request);
    if (!allowed(caller, verb, resource, namespace, name)) {
      throw new ApiException(403, caller.user() + " may not " + verb + " " + resource
          + (namespace == null ? "" : " in namespace " + namespace));
    }
    return caller;
  }

  public boolean allowed(Caller caller, String verb, String resource, String namespace, String name) {
    return caller.anonymous() && mode == AuthMode.NONE || users.allowed(caller, verb, resource, namespace, name);
  }

  /** The caller if they may {@code verb} the core-group resource (e.g. list events), else 403. */
  public Caller requireCore(HttpRequest<?> request, String verb, String resource, String namespace) {
    Caller caller = caller(request);
    if (!(caller.anonymous() && mode == AuthMode.NONE || users.allowed(caller, "", verb, resource, namespace, null))) {
      throw new ApiException(403, caller.user() + " may not " + verb + " " + resource + " in namespace " + namespace);
    }
    return caller;
  }

  private static boolean isWrite(HttpMethod method) {
    return method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS;
  }

  private static boolean csrfMatches(HttpRequest<?> request, Session session) {
    return request.getHeaders().findFirst("X-CSRF-Token")
        .map(sent -> MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
            session.csrfToken().getBytes(StandardCharsets.UTF_8)))
        .orElse(false);
  }
}

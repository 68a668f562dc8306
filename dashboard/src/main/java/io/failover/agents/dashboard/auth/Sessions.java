package io.failover.agents.dashboard.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Browser sessions, in memory: a restart of the dashboard signs everybody out. */
public final class Sessions {
  public static final String COOKIE = "af_session";
  static final Duration LIFETIME = Duration.ofHours(8);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Clock clock;

  public Sessions(Clock clock) {
    this.clock = clock;
  }

  public Session open(String user, List<String> groups, String token) {
    sessions.values().removeIf(session -> session.expires().isBefore(clock.instant()));
    Session session = new Session(random(), user, groups, token, random(), clock.instant().plus(LIFETIME));
    sessions.put(session.id(), session);
    return session;
  }

  public Optional<Session> find(String id) {
    Session session = sessions.get(id);
    if (session == null || session.expires().isBefore(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(session);
  }

  public void close(String id) {
    sessions.remove(id);
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}

package io.failover.agents.dashboard.auth;

import java.time.Instant;
import java.util.List;

/** A signed-in browser: the user, the token they signed in with, and the CSRF token for their writes. */
public record Session(String id, String user, List<String> groups, String token, String csrfToken,
    Instant expires) {}

package io.failover.agents.demo;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * What the simulated providers answer, on a timeline that repeats every three minutes: an
 * Anthropic key revoked for a while, a rate limit, a DeepSeek outage, one agent whose every provider
 * fails in turn (so it pauses), and one agent with large tasks that spends the type's token budget.
 * Failures are the providers' documented shapes.
 */
final class ProviderWeather {
  static final Duration CYCLE = Duration.ofMinutes(3);

  /** A report body's provider-facing fields; empty fields are left out. */
  record Answer(boolean success, Optional<Integer> httpStatus, Optional<String> errorType, Optional<String> errorCode,
      Optional<String> message, Optional<Long> retryAfterSeconds, long inputTokens, long outputTokens) {

    static Answer ok(long input, long output) {
      return new Answer(true, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
          input, output);
    }

    static Answer failure(int status, String type, String code, String message, Long retryAfter) {
      return new Answer(false, Optional.of(status), Optional.ofNullable(type), Optional.ofNullable(code),
          Optional.ofNullable(message), Optional.ofNullable(retryAfter), 0, 0);
    }
  }

  private final RandomGenerator random;

  ProviderWeather(RandomGenerator random) {
    this.random = random;
  }

  Answer answer(String agent, String provider, Duration sinceStart) {
    long t = sinceStart.toSeconds() % CYCLE.toSeconds();
    Optional<Answer> failure = failure(agent, provider, t);
    if (failure.isPresent()) {
      return failure.get();
    }
    if (random.nextInt(100) == 0) {
      return Answer.failure(400, "invalid_request_error", null, "max_tokens: 100000 > 64000, which is the maximum", null);
    }
    boolean bigTasks = agent.endsWith("-3");
    long input = bigTasks ? between(9_000, 22_000) : between(1_500, 6_000);
    return Answer.ok(input, between(300, 2_000));
  }

  private Optional<Answer> failure(String agent, String provider, long t) {
    if (agent.endsWith("-1") && provider.equals("anthropic") && t >= 8 && t < 40) {
      return Optional.of(Answer.failure(401, "authentication_error", null, "invalid x-api-key", null));
    }
    if (agent.endsWith("-2") && provider.equals("anthropic") && t >= 18 && t < 30) {
      return Optional.of(Answer.failure(429, "rate_limit_error", null,
          "Number of request tokens has exceeded your per-minute rate limit", 40L));
    }
    if (agent.endsWith("-2") && provider.equals("deepseek") && t >= 30 && t < 50) {
      return Optional.of(Answer.failure(503, null, null, "Server Overloaded", null));
    }
    if (agent.endsWith("-4")) {
      if (provider.equals("anthropic") && t >= 100 && t < 115) {
        return Optional.of(Answer.failure(529, "overloaded_error", null, "Overloaded", null));
      }
      if (provider.equals("deepseek") && t >= 100 && t < 125) {
        return Optional.of(Answer.failure(402, null, null, "Insufficient Balance", null));
      }
      if (provider.equals("ollama") && t >= 100 && t < 130) {
        return Optional.of(Answer.failure(503, null, null, "server busy, please try again.  maximum pending requests exceeded", null));
      }
    }
    return Optional.empty();
  }

  private long between(long low, long high) {
    return low + random.nextLong(high - low);
  }
}

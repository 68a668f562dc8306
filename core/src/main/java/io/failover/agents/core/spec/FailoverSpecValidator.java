package io.failover.agents.core.spec;

import io.failover.agents.api.FailoverSpec;
import io.failover.agents.api.TokenBudgetSpec;
import io.failover.agents.core.outcome.OutcomeKind;
import io.failover.agents.core.policy.BudgetWindow;
import io.failover.agents.core.policy.FailoverPolicy;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Checks {@code spec.failover}: bounds, enums and the token budget. */
final class FailoverSpecValidator {
  private static final String PATH = "spec.failover";
  static final int MAX_SERVER_ERROR_THRESHOLD = 100;

  private FailoverSpecValidator() {}

  static void validate(FailoverSpec failover, List<SpecProblem> problems) {
    if (failover == null) {
      return;
    }
    if (failover.getCooldownSeconds() != null) {
      Optional<Long> cooldown = SpecNumbers.wholeNumber(failover.getCooldownSeconds());
      if (cooldown.isEmpty() || cooldown.get() < 0) {
        problems.add(new SpecProblem(PATH + ".cooldownSeconds", "must be an integer >= 0"));
      }
    }
    String onExhausted = failover.getOnExhausted();
    if (onExhausted != null && !onExhausted.equals("Pause") && !onExhausted.equals("Wrap")) {
      problems.add(new SpecProblem(PATH + ".onExhausted", "unsupported value \"" + onExhausted + "\": must be Pause or Wrap"));
    }
    triggers(failover.getTriggers(), problems);
    if (failover.getServerErrorThreshold() != null) {
      Optional<Long> threshold = SpecNumbers.wholeNumber(failover.getServerErrorThreshold());
      if (threshold.isEmpty() || threshold.get() < 1 || threshold.get() > MAX_SERVER_ERROR_THRESHOLD) {
        problems.add(new SpecProblem(PATH + ".serverErrorThreshold", "must be an integer from 1 to 100"));
      }
    }
    tokenBudget(failover.getTokenBudget(), problems);
    scope(failover, problems);
  }

  /** SPEC section 10: the scope, and the cap of damped and reset-aware cooldowns (never below the cooldown). */
  private static void scope(FailoverSpec failover, List<SpecProblem> problems) {
    String scope = failover.getScope();
    if (scope != null && !scope.equals("Agent") && !scope.equals("Type")) {
      problems.add(new SpecProblem(PATH + ".scope", "unsupported value \"" + scope + "\": must be Agent or Type"));
    }
    if (failover.getMaxCooldownSeconds() == null) {
      return;
    }
    Optional<Long> max = SpecNumbers.wholeNumber(failover.getMaxCooldownSeconds());
    if (max.isEmpty() || max.get() < 0) {
      problems.add(new SpecProblem(PATH + ".maxCooldownSeconds", "must be an integer >= 0"));
      return;
    }
    Optional<Long> cooldown = failover.getCooldownSeconds() == null
        ? Optional.of(FailoverPolicy.DEFAULT_COOLDOWN.toSeconds())
        : SpecNumbers.wholeNumber(failover.getCooldownSeconds());
    if (cooldown.isPresent() && max.get() < cooldown.get()) {
      problems.add(new SpecProblem(PATH + ".maxCooldownSeconds",
          "must be at least cooldownSeconds (" + cooldown.get() + "), got " + max.get()));
    }
  }

  private static void triggers(List<String> triggers, List<SpecProblem> problems) {
    if (triggers == null) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < triggers.size(); i++) {
      String trigger = triggers.get(i);
      String path = PATH + ".triggers[" + i + "]";
      Optional<OutcomeKind> kind = OutcomeKind.fromWireName(trigger).filter(OutcomeKind::canTrigger);
      if (kind.isEmpty()) {
        problems.add(new SpecProblem(path,
            "unsupported value \"" + trigger + "\": must be one of auth, quota, rateLimit, serverError, tokenBudget"));
      } else if (!seen.add(trigger)) {
        problems.add(new SpecProblem(path, "duplicate value \"" + trigger + "\""));
      }
    }
  }

  private static void tokenBudget(TokenBudgetSpec budget, List<SpecProblem> problems) {
    if (budget == null) {
      return;
    }
    String path = PATH + ".tokenBudget";
    if (budget.getLimitTokens() == null) {
      problems.add(new SpecProblem(path + ".limitTokens", "required"));
    } else {
      Optional<Long> limit = SpecNumbers.wholeNumber(budget.getLimitTokens());
      if (limit.isEmpty() || limit.get() < 1) {
        problems.add(new SpecProblem(path + ".limitTokens", "must be a positive integer, got " + budget.getLimitTokens()));
      }
    }
    if (budget.getWindow() == null) {
      problems.add(new SpecProblem(path + ".window", "required"));
    } else if (!BudgetWindow.isValid(budget.getWindow())) {
      problems.add(new SpecProblem(path + ".window",
          "must be a duration such as 30m, 5h or 7d (units s, m, h, d), or \"all\"; got \"" + budget.getWindow() + "\""));
    }
  }
}

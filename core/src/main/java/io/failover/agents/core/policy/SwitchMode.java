package io.failover.agents.core.policy;

import java.util.Arrays;
import java.util.Optional;

/** How a tier change reaches an agent's pod (SPEC section 9). */
public enum SwitchMode {
  /** Rewrite the env Secret and roll the pod (the default). */
  RESTART("Restart"),
  /** Keep the pod; the agent kit loads the tier's env file before each task. */
  PER_TASK("PerTask");

  private final String wireName;

  SwitchMode(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<SwitchMode> fromWireName(String name) {
    return Arrays.stream(values()).filter(mode -> mode.wireName.equals(name)).findFirst();
  }

  /** The mode a spec field names; absent means the default, Restart (an invalid name is the validator's business). */
  public static SwitchMode of(String specValue) {
    return specValue == null ? RESTART : fromWireName(specValue).orElse(RESTART);
  }
}

package io.failover.agents.core.failover;

/**
 * Which tiers an agent may step onto. In Agent scope every tier; in Type scope (SPEC section 10) none
 * whose circuit is open, and a half-open one only for its canary.
 */
public interface TierAccess {
  /** Every tier, and a cooled-down success returns to tier 1 (SPEC section 4). */
  TierAccess ANY = new TierAccess() {
    @Override
    public boolean mayEnter(int tier) {
      return true;
    }

    @Override
    public int recoveryTarget(int currentTier) {
      return 1;
    }
  };

  boolean mayEnter(int tier);

  /** The tier a cooled-down success returns an agent on {@code currentTier} to; itself when none is better. */
  int recoveryTarget(int currentTier);
}

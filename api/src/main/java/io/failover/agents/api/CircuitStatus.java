package io.failover.agents.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The circuit of one tier of a Type-scoped AgentType (SPEC section 10), as kept in its status: the
 * status is the circuit's whole state, so it survives a restart of the operator.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"tier", "provider", "state", "openUntil", "trips", "canary", "lastTripKind", "lastTripAt",
    "lastTripAgent", "closedAt"})
public class CircuitStatus {
  @JsonPropertyDescription("1-based tier of the provider chain.")
  private Integer tier;

  @JsonPropertyDescription("The provider of that tier when the circuit was last written.")
  private String provider;

  @JsonPropertyDescription("Closed, Open or HalfOpen.")
  private String state;

  @JsonPropertyDescription("RFC 3339 time until which the circuit stays open.")
  private String openUntil;

  @JsonPropertyDescription("Times the circuit opened since it last stayed closed for a full cooldownSeconds.")
  private Integer trips;

  @JsonPropertyDescription("While HalfOpen: the one agent trying the tier again.")
  private String canary;

  @JsonPropertyDescription("The failure kind that last opened the circuit: auth, quota, rateLimit, serverError or tokenBudget.")
  private String lastTripKind;

  @JsonPropertyDescription("RFC 3339 time the circuit last opened.")
  private String lastTripAt;

  @JsonPropertyDescription("The agent whose outcome last opened the circuit.")
  private String lastTripAgent;

  @JsonPropertyDescription("RFC 3339 time the circuit last closed; trips go back to 0 a full cooldownSeconds later.")
  private String closedAt;

  public Integer getTier() { return tier; }
  public void setTier(Integer tier) { this.tier = tier; }
  public String getProvider() { return provider; }
  public void setProvider(String provider) { this.provider = provider; }
  public String getState() { return state; }
  public void setState(String state) { this.state = state; }
  public String getOpenUntil() { return openUntil; }
  public void setOpenUntil(String openUntil) { this.openUntil = openUntil; }
  public Integer getTrips() { return trips; }
  public void setTrips(Integer trips) { this.trips = trips; }
  public String getCanary() { return canary; }
  public void setCanary(String canary) { this.canary = canary; }
  public String getLastTripKind() { return lastTripKind; }
  public void setLastTripKind(String lastTripKind) { this.lastTripKind = lastTripKind; }
  public String getLastTripAt() { return lastTripAt; }
  public void setLastTripAt(String lastTripAt) { this.lastTripAt = lastTripAt; }
  public String getLastTripAgent() { return lastTripAgent; }
  public void setLastTripAgent(String lastTripAgent) { this.lastTripAgent = lastTripAgent; }
  public String getClosedAt() { return closedAt; }
  public void setClosedAt(String closedAt) { this.closedAt = closedAt; }
}

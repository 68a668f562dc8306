package io.failover.agents.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

@Group(AgentType.GROUP)
@Version(AgentType.VERSION)
@Kind("Agent")
@Plural("agents")
@Singular("agent")
@ShortNames("ag")
@Categories(AgentType.CATEGORY)
@AdditionalPrinterColumn(name = "READY", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "TYPE", jsonPath = ".spec.type", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "TIER", jsonPath = ".status.tier", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "PROVIDER", jsonPath = ".status.provider", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "MODEL", jsonPath = ".status.model", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "PAUSED", jsonPath = ".status.paused", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "LAST-FAILURE", jsonPath = ".status.lastFailureKind", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "COOLDOWN-UNTIL", jsonPath = ".status.cooldownUntil", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "REASON", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
/** One agent: its pods run on one tier of its AgentType's provider chain, and its status is its failover state. */
@JsonClassDescription("An AI coding agent whose model provider fails over along its AgentType's provider chain.")
public class Agent extends CustomResource<AgentSpec, AgentStatus> implements Namespaced {
  /** One-shot steering annotations (SPEC section 3). */
  public static final String RESET_TIER_ANNOTATION = AgentType.GROUP + "/reset-tier";
  public static final String PAUSE_ANNOTATION = AgentType.GROUP + "/pause";
  public static final String UNPAUSE_ANNOTATION = AgentType.GROUP + "/unpause";
  /** Who asked for the steering annotations set with it, recorded in the ledger (the dashboard sets it). */
  public static final String ACTOR_ANNOTATION = AgentType.GROUP + "/actor";
}

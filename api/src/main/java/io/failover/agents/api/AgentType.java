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
@Kind("AgentType")
@Plural("agenttypes")
@Singular("agenttype")
@ShortNames("agt")
@Categories(AgentType.CATEGORY)
@AdditionalPrinterColumn(name = "TIER-1", jsonPath = ".spec.providerChain[0].provider", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "VALID", jsonPath = ".status.conditions[?(@.type==\"Valid\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "OPEN", jsonPath = ".status.openTiers", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@JsonClassDescription("A kind of agent: its pod template, its ordered chain of model providers and its failover policy.")
public class AgentType extends CustomResource<AgentTypeSpec, AgentTypeStatus> implements Namespaced {
  public static final String GROUP = "agents.failover.io";
  /**
   * The label a Secret must carry, with value {@code "true"}, to be used as provider credentials
   * (SPEC section 12): the right to edit an AgentType is not the right to read any Secret.
   */
  public static final String CREDENTIALS_LABEL = GROUP + "/credentials";
  public static final String VERSION = "v1alpha1";
  /** {@code kubectl get agents-failover} lists both kinds. */
  public static final String CATEGORY = "agents-failover";
  /** One-shot: closes every circuit of the type (SPEC section 10), then is removed. */
  public static final String CLOSE_CIRCUITS_ANNOTATION = GROUP + "/close-circuits";
}

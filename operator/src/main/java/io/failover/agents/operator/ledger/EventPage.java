package io.failover.agents.operator.ledger;

import java.util.List;
import java.util.Optional;

/** A page of provider events, newest first; {@code nextBefore} is empty when nothing older exists. */
public record EventPage(List<ProviderEvent> items, Optional<Long> nextBefore) {}

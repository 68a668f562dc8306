package io.failover.agents.operator.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.failover.agents.core.outcome.Outcome;
import io.failover.agents.core.outcome.OutcomeKind;
import io.failover.agents.core.outcome.Report;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {
  static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path dir;
  Ledger ledger;

  Ledger open() {
    ledger = Ledger.open(dir.resolve("sub/ledger.db"), Ledger.DEFAULT_RETENTION, CLOCK);
    return ledger;
  }

  @AfterEach
  void close() {
    if (ledger != null) {
      ledger.close();
    }
  }

  static NewOutcome outcome(String uid, OutcomeKind kind, Optional<String> id, long tokens, Instant time) {
    Report report = new Report(id, kind == OutcomeKind.SUCCESS, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.of(30L), Optional.of(1), Optional.empty(), tokens, 0);
    return new NewOutcome(time, "agents", "coder-1", uid, "coder", report, kind, "anthropic");
  }

  @Test
  void aMissingFileIsCreatedAndCommittedOutcomesSurviveAReopen() throws Exception {
    Appended first = open().append(outcome("uid-1", OutcomeKind.AUTH, Optional.empty(), 0, NOW)).get();
    ledger.close();

    List<Outcome> after = open().outcomesAfter("uid-1", 0, 10);

    assertThat(after).containsExactly(new Outcome(first.seq(), OutcomeKind.AUTH, Optional.of(1), Optional.of(30L)));
  }

  @Test
  void aReportedResetTimeIsKeptWithTheOutcome() throws Exception {
    Instant reset = Instant.parse("2026-11-21T15:00:00.250Z");
    NewOutcome base = outcome("uid-1", OutcomeKind.QUOTA, Optional.empty(), 0, NOW);
    NewOutcome withReset = new NewOutcome(base.time(), base.namespace(), base.agent(), base.agentUid(), base.agentType(),
        base.report().withResetAt(reset), base.kind(), base.usageProvider());

    Appended appended = open().append(withReset).get();

    assertThat(ledger.outcomesAfter("uid-1", 0, 10)).containsExactly(
        new Outcome(appended.seq(), OutcomeKind.QUOTA, Optional.of(1), Optional.of(30L), Optional.of(reset)));
  }

  @Test
  void aNewLedgerNumbersFromItsCreationTimeSoAReplacedLedgerNeverReusesASeq() throws Exception {
    long first = open().append(outcome("uid-1", OutcomeKind.AUTH, Optional.empty(), 0, NOW)).get().seq();
    ledger.close();
    java.nio.file.Files.delete(dir.resolve("sub/ledger.db"));
    ledger = Ledger.open(dir.resolve("sub/ledger.db"), Ledger.DEFAULT_RETENTION, Clock.offset(CLOCK, Duration.ofSeconds(1)));

    long afterReplacement = ledger.append(outcome("uid-1", OutcomeKind.AUTH, Optional.empty(), 0, NOW)).get().seq();

    assertThat(first).isEqualTo(NOW.getEpochSecond() * 1_000_000 + 1);
    assertThat(afterReplacement).isGreaterThan(first);
  }

  @Test
  void aRepeatedIdempotencyIdAnswersTheOriginalSeqAndStoresNothing() throws Exception {
    open();
    Appended first = ledger.append(outcome("uid-1", OutcomeKind.AUTH, Optional.of("task-7"), 100, NOW)).get();
    Appended again = ledger.append(outcome("uid-1", OutcomeKind.SUCCESS, Optional.of("task-7"), 100, NOW)).get();

    assertThat(first.repeated()).isFalse();
    assertThat(again).isEqualTo(new Appended(first.seq(), true));
    assertThat(ledger.outcomesAfter("uid-1", 0, 10)).hasSize(1);
    assertThat(ledger.tokensUsed("agents", "coder", "anthropic", NOW.minusSeconds(60))).isEqualTo(100);
  }

  @Test
  void idempotencyIdsBelongToOneAgent() throws Exception {
    open();
    Appended mine = ledger.append(outcome("uid-1", OutcomeKind.AUTH, Optional.of("task-7"), 0, NOW)).get();
    Appended theirs = ledger.append(outcome("uid-2", OutcomeKind.AUTH, Optional.of("task-7"), 0, NOW)).get();

    assertThat(theirs.repeated()).isFalse();
    assertThat(theirs.seq()).isNotEqualTo(mine.seq());
  }

  @Test
  void outcomesAfterASeqComeInLedgerOrderForThatAgentOnly() throws Exception {
    open();
    long a = ledger.append(outcome("uid-1", OutcomeKind.SUCCESS, Optional.empty(), 0, NOW)).get().seq();
    ledger.append(outcome("uid-2", OutcomeKind.AUTH, Optional.empty(), 0, NOW)).get();
    long b = ledger.append(outcome("uid-1", OutcomeKind.QUOTA, Optional.empty(), 0, NOW)).get().seq();
    long c = ledger.append(outcome("uid-1", OutcomeKind.OTHER, Optional.empty(), 0, NOW)).get().seq();

    assertThat(ledger.outcomesAfter("uid-1", a, 10)).extracting(Outcome::seq).containsExactly(b, c);
    assertThat(ledger.outcomesAfter("uid-1", 0, 2)).extracting(Outcome::seq).containsExactly(a, b);
  }

  @Test
  void concurrentAppendsAreAllCommittedWithDistinctSeqs() {
    open();
    List<CompletableFuture<Appended>> futures = IntStream.range(0, 500)
        .mapToObj(i -> CompletableFuture.supplyAsync(() -> ledger.append(outcome("uid-1", OutcomeKind.SUCCESS,
            Optional.of("id-" + i), 1, NOW)).join()))
        .toList();

    List<Long> seqs = futures.stream().map(CompletableFuture::join).map(Appended::seq).distinct().toList();

    assertThat(seqs).hasSize(500);
    assertThat(ledger.outcomesAfter("uid-1", 0, 1000)).hasSize(500);
    assertThat(ledger.tokensUsed("agents", "coder", "anthropic", NOW)).isEqualTo(500);
  }

  @Test
  void tokensAreSummedPerTypeAndProviderWithinTheWindow() throws Exception {
    open();
    ledger.append(outcome("uid-1", OutcomeKind.SUCCESS, Optional.empty(), 1000, NOW.minus(Duration.ofHours(6)))).get();
    ledger.append(outcome("uid-1", OutcomeKind.SUCCESS, Optional.empty(), 200, NOW.minus(Duration.ofHours(1)))).get();
    ledger.append(outcome("uid-2", OutcomeKind.SUCCESS, Optional.empty(), 30, NOW)).get();

    assertThat(ledger.tokensUsed("agents", "coder", "anthropic", NOW.minus(Duration.ofHours(5)))).isEqualTo(230);
    assertThat(ledger.tokensUsed("agents", "coder", "deepseek", NOW.minus(Duration.ofHours(5)))).isZero();
    assertThat(ledger.tokensUsed("other-ns", "coder", "anthropic", NOW.minus(Duration.ofHours(5)))).isZero();
  }

  @Test
  void aSumPastTheLargestLongSaturatesInsteadOfFailing() throws Exception {
    open();
    // counts a ledger of an older version may hold; the intake refuses anything over 10^9 now
    ledger.append(outcome("uid-1", OutcomeKind.SUCCESS, Optional.empty(), Long.MAX_VALUE - 1, NOW)).get();
    ledger.append(outcome("uid-2", OutcomeKind.SUCCESS, Optional.empty(), Long.MAX_VALUE - 1, NOW.minusSeconds(120))).get();
    ledger.append(outcome("uid-2", OutcomeKind.SUCCESS, Optional.empty(), Long.MAX_VALUE - 1, NOW)).get();

    assertThat(ledger.tokensUsed("agents", "coder", "anthropic", NOW.minus(Duration.ofHours(1)))).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void providerEventsArePagedNewestFirst() throws Exception {
    open();
    List<ProviderEvent> events = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      events.add(new ProviderEvent(0, NOW, "agents", "coder-1", "coder", "TierChanged", i, i + 1,
          Optional.of("auth"), "operator", "step " + i));
    }
    List<Long> seqs = ledger.appendEvents(events).get();

    EventPage first = ledger.events("agents", "coder-1", Optional.empty(), 2);
    EventPage second = ledger.events("agents", "coder-1", first.nextBefore(), 2);
    EventPage last = ledger.events("agents", "coder-1", second.nextBefore(), 2);

    assertThat(first.items()).extracting(ProviderEvent::message).containsExactly("step 5", "step 4");
    assertThat(first.nextBefore()).contains(seqs.get(3));
    assertThat(second.items()).extracting(ProviderEvent::message).containsExactly("step 3", "step 2");
    assertThat(last.items()).extracting(ProviderEvent::message).containsExactly("step 1");
    assertThat(last.nextBefore()).isEmpty();
  }

  @Test
  void pruningRemovesWhatIsOlderThanTheRetention() throws Exception {
    open();
    ledger.append(outcome("uid-1", OutcomeKind.SUCCESS, Optional.empty(), 5, NOW.minus(Duration.ofDays(31)))).get();
    long recent = ledger.append(outcome("uid-1", OutcomeKind.SUCCESS, Optional.empty(), 5, NOW)).get().seq();

    assertThat(ledger.prune().get()).isEqualTo(2);
    assertThat(ledger.outcomesAfter("uid-1", 0, 10)).extracting(Outcome::seq).containsExactly(recent);
  }

  @Test
  void aLockedDatabaseFailsTheWriteInsteadOfAcknowledgingIt() throws Exception {
    Path file = dir.resolve("locked.db");
    ledger = Ledger.open(file, Ledger.DEFAULT_RETENTION, CLOCK, Duration.ofMillis(200));
    try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + file); Statement lock = holder.createStatement()) {
      lock.execute("BEGIN EXCLUSIVE");

      CompletableFuture<Appended> write = ledger.append(outcome("uid-1", OutcomeKind.AUTH, Optional.empty(), 0, NOW));

      assertThatThrownBy(write::get).isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(LedgerUnavailableException.class);
      lock.execute("ROLLBACK");
    }
    assertThat(ledger.outcomesAfter("uid-1", 0, 10)).isEmpty();
    assertThat(ledger.append(outcome("uid-1", OutcomeKind.AUTH, Optional.empty(), 0, NOW)).get().seq()).isPositive();
  }
}

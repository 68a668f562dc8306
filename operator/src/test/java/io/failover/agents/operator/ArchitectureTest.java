package io.failover.agents.operator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The operator's rooms (docs/architecture.md) depend on each other in one direction: no cycles, and
 * the doorways (intake, query, steering, server) reach the reconcilers only through the interfaces
 * the role wiring injects.
 */
class ArchitectureTest {
  private static final JavaClasses OPERATOR = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.failover.agents.operator");

  @Test
  void itsPackagesFormNoCycle() {
    slices().matching("io.failover.agents.operator.(*)..").should().beFreeOfCycles().check(OPERATOR);
  }

  @Test
  void theHttpDoorwaysKnowNoReconciler() {
    noClasses().that().resideInAnyPackage("..operator.intake..", "..operator.query..", "..operator.steering..",
            "..operator.tier..", "..operator.server..", "..operator.http..")
        .should().dependOnClassesThat().resideInAnyPackage("..operator.controller..", "io.javaoperatorsdk..")
        .check(OPERATOR);
  }

  @Test
  void theLedgerKnowsNoKubernetes() {
    noClasses().that().resideInAPackage("..operator.ledger..")
        .should().dependOnClassesThat().resideInAnyPackage("io.fabric8..", "io.javaoperatorsdk..", "io.netty..")
        .check(OPERATOR);
  }
}

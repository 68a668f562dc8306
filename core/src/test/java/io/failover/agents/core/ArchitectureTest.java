package io.failover.agents.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The domain stays pure: no Kubernetes, operator-framework, HTTP, SQL or clock of its own, and no
 * cycles between its packages. (The spec classes it reads come from the api module; their fabric8
 * annotations serve the CRD generator and are never referenced here.)
 */
class ArchitectureTest {
  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.failover.agents.core");

  @Test
  void theDomainUsesNoKubernetesFrameworkOrIo() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("io.fabric8..", "io.javaoperatorsdk..",
            "io.micronaut..", "io.netty..", "java.sql..", "java.net.http..", "java.io..")
        .check(CORE);
  }

  @Test
  void theDomainReadsNoClockOfItsOwn() {
    noClasses().should().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(java.time.Clock.class, "systemUTC")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .check(CORE);
  }

  @Test
  void itsPackagesFormNoCycle() {
    slices().matching("io.failover.agents.core.(*)..").should().beFreeOfCycles().check(CORE);
  }
}

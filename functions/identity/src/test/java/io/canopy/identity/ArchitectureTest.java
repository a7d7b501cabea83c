package io.canopy.identity;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The layering of STYLE.md: the domain depends on no adapter (api, persistence, crypto). */
@AnalyzeClasses(packages = "io.canopy.identity", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domain_dependsOnNeitherApiNorPersistenceNorCrypto = noClasses()
            .that().resideInAPackage("io.canopy.identity.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.canopy.identity.api..", "io.canopy.identity.persistence..", "io.canopy.identity.crypto..");

    @ArchTest
    static final ArchRule persistence_doesNotDependOnApi = noClasses()
            .that().resideInAPackage("io.canopy.identity.persistence..")
            .should().dependOnClassesThat().resideInAPackage("io.canopy.identity.api..");

    @ArchTest
    static final ArchRule domain_usesNoJdbc = noClasses()
            .that().resideInAPackage("io.canopy.identity.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "io.micronaut.data.jdbc..");
}

package io.canopy.certificates;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layering of STYLE.md: the domain depends on no adapter; the HTTP layer knows only the domain; the crypto
 * adapter (master keys, envelope encryption) and the JDBC adapter never reach into the HTTP layer.
 */
@AnalyzeClasses(packages = "io.canopy.certificates", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domain_dependsOnNoAdapter = noClasses()
            .that().resideInAPackage("io.canopy.certificates.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("io.canopy.certificates.api..", "io.canopy.certificates.persistence..",
                    "io.canopy.certificates.crypto..");

    @ArchTest
    static final ArchRule domain_usesNoJdbcAndNoAwsSdk = noClasses()
            .that().resideInAPackage("io.canopy.certificates.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "io.micronaut.data.jdbc..", "software.amazon..", "javax.crypto..");

    @ArchTest
    static final ArchRule api_knowsOnlyTheDomain = noClasses()
            .that().resideInAPackage("io.canopy.certificates.api..")
            .should().dependOnClassesThat().resideInAnyPackage("io.canopy.certificates.persistence..", "io.canopy.certificates.crypto..");

    @ArchTest
    static final ArchRule crypto_dependsOnNeitherApiNorPersistence = noClasses()
            .that().resideInAPackage("io.canopy.certificates.crypto..")
            .should().dependOnClassesThat().resideInAnyPackage("io.canopy.certificates.api..", "io.canopy.certificates.persistence..");

    @ArchTest
    static final ArchRule persistence_doesNotDependOnApi = noClasses()
            .that().resideInAPackage("io.canopy.certificates.persistence..")
            .should().dependOnClassesThat().resideInAPackage("io.canopy.certificates.api..");
}

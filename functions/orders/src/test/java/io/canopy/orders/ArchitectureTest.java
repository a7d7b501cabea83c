package io.canopy.orders;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The layering of STYLE.md: the domain depends on no adapter and knows nothing of DynamoDB. */
@AnalyzeClasses(packages = "io.canopy.orders", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domain_dependsOnNeitherApiNorPersistence = noClasses()
            .that().resideInAPackage("io.canopy.orders.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("io.canopy.orders.api..", "io.canopy.orders.persistence..");

    @ArchTest
    static final ArchRule persistence_doesNotDependOnApi = noClasses()
            .that().resideInAPackage("io.canopy.orders.persistence..")
            .should().dependOnClassesThat().resideInAPackage("io.canopy.orders.api..");

    @ArchTest
    static final ArchRule domain_usesNoAwsSdk = noClasses()
            .that().resideInAPackage("io.canopy.orders.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon..");
}

package io.canopy.orders;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layering of STYLE.md: the domain depends on no adapter and knows neither DynamoDB nor HTTP clients; the
 * adapters (persistence: DynamoDB, integration: payments and kitchen over HTTP) know nothing of the API layer.
 */
@AnalyzeClasses(packages = "io.canopy.orders", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domain_dependsOnNoOtherLayer = noClasses()
            .that().resideInAPackage("io.canopy.orders.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("io.canopy.orders.api..", "io.canopy.orders.persistence..",
                    "io.canopy.orders.integration..");

    @ArchTest
    static final ArchRule adapters_doNotDependOnApi = noClasses()
            .that().resideInAnyPackage("io.canopy.orders.persistence..", "io.canopy.orders.integration..")
            .should().dependOnClassesThat().resideInAPackage("io.canopy.orders.api..");

    @ArchTest
    static final ArchRule domain_usesNoAwsSdkNorHttpClient = noClasses()
            .that().resideInAPackage("io.canopy.orders.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "java.net.http..");

    @ArchTest
    static final ArchRule onlyIntegration_callsOtherGroups = noClasses()
            .that().resideOutsideOfPackage("io.canopy.orders.integration..")
            .should().dependOnClassesThat().resideInAPackage("java.net.http..");
}

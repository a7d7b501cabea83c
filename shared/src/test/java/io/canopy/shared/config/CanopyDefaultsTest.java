package io.canopy.shared.config;

import com.fasterxml.jackson.core.JsonParser;
import io.micronaut.context.ApplicationContext;
import io.micronaut.serde.jackson.SerdeJacksonConfiguration;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** canopy-defaults.properties applies to every function, under anything the function or its environment sets. */
class CanopyDefaultsTest {

    @Test
    void defaults_applyWhenNothingOverridesThem() {
        try (ApplicationContext context = ApplicationContext.run()) {
            assertEquals(false, context.getProperty("micronaut.serde.deserialization.ignore-unknown", Boolean.class).orElseThrow());
            assertEquals("canopy", context.getProperty("canopy.audience", String.class).orElseThrow());
        }
    }

    @Test
    void propertiesSyntax_keepsUpperCaseMapKeysAndBacktickedDefaults() {
        // GIVEN no environment variables (CANOPY_ISSUER, CANOPY_SECRETS_MANAGER_ENDPOINT would replace the defaults)
        try (ApplicationContext context = ApplicationContext.builder().environmentPropertySource(false).start()) {
            // THEN the upper-case map key binds to the JsonParser.Feature, its "true" to a Boolean
            assertEquals(Map.of(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true),
                    context.getBean(SerdeJacksonConfiguration.class).getParserFeatures());
            // AND a default holding ':' is whole (backticks), as is a placeholder inside a value
            assertEquals("http://localhost:8080", context.getProperty("canopy.issuer", String.class).orElseThrow());
            assertEquals("http://localhost:8080/.well-known/jwks.json", context.getProperty("canopy.jwks-url", String.class).orElseThrow());
            assertEquals("", context.getProperty("canopy.secrets-manager.endpoint", String.class).orElseThrow());
            assertEquals("", context.getProperty("canopy.dynamodb.table-prefix", String.class).orElseThrow());
        }
    }

    @Test
    void applicationProperties_overrideTheDefaults() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("canopy.audience", "other"))) {
            assertEquals("other", context.getProperty("canopy.audience", String.class).orElseThrow());
        }
    }

    @Test
    void crac_isEnabledOnlyOnASnapStartInit_unlessSet() {
        assertEquals(true, CanopyDefaults.cracEnabled("snap-start"));
        assertEquals(false, CanopyDefaults.cracEnabled("on-demand"));
        assertEquals(false, CanopyDefaults.cracEnabled(null));
        try (ApplicationContext context = ApplicationContext.run(Map.of("crac.enabled", "true"))) {
            assertEquals(true, context.getProperty("crac.enabled", Boolean.class).orElseThrow());
            assertEquals(false, context.getProperty("crac.refresh-beans", Boolean.class).orElseThrow());
        }
    }
}

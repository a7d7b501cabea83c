package io.canopy.shared.config;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** canopy-defaults.yml applies to every function, under anything the function or its environment sets. */
class CanopyDefaultsTest {

    @Test
    void defaults_applyWhenNothingOverridesThem() {
        try (ApplicationContext context = ApplicationContext.run()) {
            assertEquals(false, context.getProperty("micronaut.serde.deserialization.ignore-unknown", Boolean.class).orElseThrow());
            assertEquals("canopy", context.getProperty("canopy.audience", String.class).orElseThrow());
            assertEquals(false, context.getProperty("micronaut.security.endpoints.introspection.enabled", Boolean.class).orElseThrow());
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

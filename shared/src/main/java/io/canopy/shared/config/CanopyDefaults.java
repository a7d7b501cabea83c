package io.canopy.shared.config;

import io.canopy.shared.lambda.SnapStartPriming;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.PropertiesPropertySourceLoader;
import io.micronaut.context.env.PropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adds {@code canopy-defaults.properties} (security, JSON strictness, no management endpoints) under every
 * function's own {@code application.properties}: the settings all functions share live in one file, and a function
 * may still override any of them. Plus {@code crac.enabled}, true only on a SnapStart init.
 * <p>
 * Properties, not YAML, like the functions' own configuration: {@code java.util.Properties} reads them, so no
 * function ships snakeyaml (about 0.28 MB and 150 classes loaded at each cold start).
 */
@ContextConfigurer
public class CanopyDefaults implements ApplicationContextConfigurer {

    static final String RESOURCE = "canopy-defaults.properties";
    /** Below application.properties (-300), environment variables and system properties. */
    static final int PRIORITY = -1000;
    static final String CRAC_ENABLED = "crac.enabled";

    @Override
    public void configure(ApplicationContextBuilder builder) {
        Map<String, Object> defaults = new LinkedHashMap<>(load());
        defaults.put(CRAC_ENABLED, cracEnabled(System.getenv(SnapStartPriming.INITIALIZATION_TYPE_ENV)));
        builder.propertySources(PropertySource.of("canopy-defaults", defaults, PRIORITY));
    }

    /**
     * micronaut-crac (SnapStart runtime hooks) only on a SnapStart init: anywhere else it would register its
     * resources at start for nothing. {@code CRAC_ENABLED} overrides it.
     */
    static boolean cracEnabled(String initializationType) {
        return SnapStartPriming.SNAP_START.equals(initializationType);
    }

    private static Map<String, Object> load() {
        try (InputStream in = CanopyDefaults.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new PropertiesPropertySourceLoader().read(RESOURCE, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

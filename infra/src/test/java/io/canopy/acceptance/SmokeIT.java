package io.canopy.acceptance;

import java.net.URI;

/**
 * The acceptance suite against a deployment: {@code make smoke BASE_URL=https://... ADMIN_EMAIL=... ADMIN_PASSWORD=...}
 * (the admin email must be one of the deployment's {@code CANOPY_ADMIN_EMAILS}; it is registered if new). Not
 * part of {@code make test}: failsafe excludes it unless asked for by name.
 */
class SmokeIT extends AcceptanceSuite {

    @Override
    protected Deployment deployment() {
        String baseUrl = required("canopy.smoke.base-url", "BASE_URL");
        return new Deployment(URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl),
                required("canopy.smoke.admin-email", "ADMIN_EMAIL"), required("canopy.smoke.admin-password", "ADMIN_PASSWORD"));
    }

    private static String required(String property, String makeVariable) {
        String value = System.getProperty(property, "");
        if (value.isBlank()) {
            throw new IllegalStateException("Set " + makeVariable + " (system property " + property + ") to run the smoke suite");
        }
        return value;
    }
}

package io.canopy.properties;

import io.canopy.shared.security.Anonymous;
import io.canopy.testsupport.JwksServer;
import io.canopy.testsupport.OpenApiRoutes;
import io.canopy.testsupport.TestPostgres;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The gateway routes from the OpenAPI: a controller route missing from it would be unreachable. */
@MicronautTest(startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PropertiesRoutesTest implements TestPropertyProvider {

    @Inject
    Router router;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestPostgres.newDatabase());
        properties.put(JwksServer.JWKS_URL_PROPERTY, JwksServer.url());
        return properties;
    }

    @Test
    void openApi_listsExactlyTheControllerRoutes() {
        Set<String> served = OpenApiRoutes.ofRouter(router);
        assertEquals(Set.of("GET /property-types", "POST /property-types", "PUT /property-types/{slug}",
                "DELETE /property-types/{slug}", "GET /properties", "POST /properties", "GET /properties/{id}",
                "PATCH /properties/{id}", "DELETE /properties/{id}", "POST /properties/{id}/rooms",
                "PATCH /properties/{id}/rooms/{roomId}", "DELETE /properties/{id}/rooms/{roomId}", "GET /health/properties"), served);
        assertEquals(served, OpenApiRoutes.ofOpenApi(getClass().getClassLoader(), "canopy-properties"));
    }

    @Test
    void openApi_leavesOpenExactlyTheRoutesTheFunctionLeavesOpen() {
        // The gateway lets anonymous requests through on what the OpenAPI leaves open; the function on @Anonymous.
        assertEquals(OpenApiRoutes.anonymousOfRouter(router, Anonymous.class),
                OpenApiRoutes.anonymousOfOpenApi(getClass().getClassLoader(), "canopy-properties"));
    }
}

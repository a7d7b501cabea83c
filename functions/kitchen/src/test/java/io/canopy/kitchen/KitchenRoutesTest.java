package io.canopy.kitchen;

import io.canopy.shared.security.Anonymous;
import io.canopy.testsupport.JwksServer;
import io.canopy.testsupport.OpenApiRoutes;
import io.canopy.testsupport.TestDynamoDb;
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
class KitchenRoutesTest implements TestPropertyProvider {

    @Inject
    Router router;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDynamoDb.newTables());
        properties.put(JwksServer.JWKS_URL_PROPERTY, JwksServer.url());
        return properties;
    }

    @Test
    void openApi_listsExactlyTheControllerRoutes() {
        // GIVEN the routes the controllers serve
        Set<String> served = OpenApiRoutes.ofRouter(router);

        // WHEN the generated OpenAPI is read / THEN it lists exactly those
        assertEquals(Set.of("POST /kitchen/schedules", "GET /kitchen/schedules", "GET /kitchen/schedules/{id}",
                "GET /kitchen/schedules/{id}/status", "PUT /kitchen/schedules/{id}", "DELETE /kitchen/schedules/{id}",
                "POST /kitchen/schedules/{id}/cancel", "GET /health/kitchen"), served);
        assertEquals(served, OpenApiRoutes.ofOpenApi(getClass().getClassLoader(), "canopy-kitchen"));
    }

    @Test
    void openApi_leavesOpenExactlyTheRoutesTheFunctionLeavesOpen() {
        // The gateway lets anonymous requests through on what the OpenAPI leaves open; the function on @Anonymous.
        assertEquals(OpenApiRoutes.anonymousOfRouter(router, Anonymous.class),
                OpenApiRoutes.anonymousOfOpenApi(getClass().getClassLoader(), "canopy-kitchen"));
    }
}

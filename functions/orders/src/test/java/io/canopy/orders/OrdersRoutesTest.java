package io.canopy.orders;

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
class OrdersRoutesTest implements TestPropertyProvider {

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
        Set<String> served = OpenApiRoutes.ofRouter(router);
        assertEquals(Set.of("POST /orders", "GET /orders", "GET /orders/{id}", "PUT /orders/{id}", "DELETE /orders/{id}",
                "POST /orders/{id}/pay", "POST /orders/{id}/cancel", "GET /health/orders"), served);
        assertEquals(served, OpenApiRoutes.ofOpenApi(getClass().getClassLoader(), "canopy-orders"));
    }

    @Test
    void openApi_leavesOpenExactlyTheRoutesTheFunctionLeavesOpen() {
        // The gateway lets anonymous requests through on what the OpenAPI leaves open; the function on @Anonymous.
        assertEquals(OpenApiRoutes.anonymousOfRouter(router, Anonymous.class),
                OpenApiRoutes.anonymousOfOpenApi(getClass().getClassLoader(), "canopy-orders"));
    }
}

package io.canopy.identity;

import io.canopy.shared.security.Anonymous;
import io.canopy.testsupport.OpenApiRoutes;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The gateway routes from the OpenAPI: a controller route missing from it would be unreachable. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityRoutesTest implements TestPropertyProvider {

    @Inject
    Router router;

    @Override
    public Map<String, String> getProperties() {
        return IdentityTestSetup.properties();
    }

    @Test
    void openApi_listsExactlyTheControllerRoutes_whenGenerated() {
        Set<String> served = OpenApiRoutes.ofRouter(router);
        assertEquals(Set.of(
                "POST /auth/register", "POST /auth/token", "POST /auth/refresh", "GET /auth/valid",
                "GET /.well-known/openid-configuration", "GET /.well-known/jwks.json",
                "GET /users/me", "PATCH /users/me", "DELETE /users/me", "PUT /users/me/password",
                "GET /users", "GET /users/{id}", "PATCH /users/{id}", "GET /health/identity"), served);
        assertEquals(served, OpenApiRoutes.ofOpenApi(getClass().getClassLoader(), "canopy-identity"));
    }

    @Test
    void openApi_leavesOpenExactlyTheRoutesTheFunctionLeavesOpen() {
        // The gateway lets anonymous requests through on what the OpenAPI leaves open; the function on @Anonymous.
        assertEquals(OpenApiRoutes.anonymousOfRouter(router, Anonymous.class),
                OpenApiRoutes.anonymousOfOpenApi(getClass().getClassLoader(), "canopy-identity"));
    }
}

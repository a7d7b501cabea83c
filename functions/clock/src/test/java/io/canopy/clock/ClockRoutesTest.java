package io.canopy.clock;

import io.canopy.shared.security.Anonymous;
import io.canopy.testsupport.OpenApiRoutes;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The gateway routes from the OpenAPI: a controller route missing from it would be unreachable. */
@MicronautTest(startApplication = false)
class ClockRoutesTest {

    @Inject
    Router router;

    @Test
    void openApi_listsExactlyTheControllerRoutes() {
        Set<String> served = OpenApiRoutes.ofRouter(router);
        assertEquals(Set.of("GET /time/current", "GET /time/epoch", "GET /health/clock"), served);
        assertEquals(served, OpenApiRoutes.ofOpenApi(getClass().getClassLoader(), "canopy-clock"));
    }

    @Test
    void openApi_leavesOpenExactlyTheRoutesTheFunctionLeavesOpen() {
        // The gateway lets anonymous requests through on what the OpenAPI leaves open; the function on @Anonymous.
        assertEquals(OpenApiRoutes.anonymousOfRouter(router, Anonymous.class),
                OpenApiRoutes.anonymousOfOpenApi(getClass().getClassLoader(), "canopy-clock"));
    }
}

package io.canopy.shared.health;

import io.canopy.shared.security.Anonymous;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /health/{group}}: each function subclasses this with {@code @Controller("/health/<group>")}, so the
 * route is its own and appears in its OpenAPI. 503 when any store it depends on does not answer.
 */
public abstract class HealthController {

    private static final Logger LOG = LoggerFactory.getLogger(HealthController.class);

    private final List<StoreCheck> checks;

    protected HealthController(List<StoreCheck> checks) {
        this.checks = checks;
    }

    @Get
    @Anonymous
    @Operation(summary = "Health of this endpoint group and the stores it uses")
    public HttpResponse<Health> health() {
        Map<String, String> results = new LinkedHashMap<>();
        boolean up = true;
        for (StoreCheck check : checks) {
            try {
                check.check();
                results.put(check.name(), Health.UP);
            } catch (Exception e) {
                LOG.warn("health check {} failed: {}", check.name(), e.toString());
                results.put(check.name(), Health.DOWN);
                up = false;
            }
        }
        Health health = new Health(up ? Health.UP : Health.DOWN, results);
        return HttpResponse.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(health);
    }
}

package io.canopy.identity.api;

import io.canopy.shared.health.HealthController;
import io.canopy.shared.health.StoreCheck;
import io.micronaut.http.annotation.Controller;

import java.util.List;

/** {@code GET /health/identity}: up when PostgreSQL answers. */
@Controller("/health/identity")
public class IdentityHealthController extends HealthController {

    public IdentityHealthController(List<StoreCheck> checks) {
        super(checks);
    }
}

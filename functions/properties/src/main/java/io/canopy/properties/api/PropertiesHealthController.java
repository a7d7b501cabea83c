package io.canopy.properties.api;

import io.canopy.shared.health.HealthController;
import io.canopy.shared.health.StoreCheck;
import io.micronaut.http.annotation.Controller;

import java.util.List;

/** Up when PostgreSQL answers. */
@Controller("/health/properties")
public class PropertiesHealthController extends HealthController {

    public PropertiesHealthController(List<StoreCheck> checks) {
        super(checks);
    }
}

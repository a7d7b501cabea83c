package io.canopy.carbon.api;

import io.canopy.shared.health.HealthController;
import io.canopy.shared.health.StoreCheck;
import io.micronaut.http.annotation.Controller;

import java.util.List;

/** Up when every carbon table answers. */
@Controller("/health/carbon")
public class CarbonHealthController extends HealthController {

    public CarbonHealthController(List<StoreCheck> checks) {
        super(checks);
    }
}

package io.canopy.kitchen.api;

import io.canopy.shared.health.HealthController;
import io.canopy.shared.health.StoreCheck;
import io.micronaut.http.annotation.Controller;

import java.util.List;

/** Up when every kitchen table answers. */
@Controller("/health/kitchen")
public class KitchenHealthController extends HealthController {

    public KitchenHealthController(List<StoreCheck> checks) {
        super(checks);
    }
}

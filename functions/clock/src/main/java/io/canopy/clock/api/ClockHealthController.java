package io.canopy.clock.api;

import io.canopy.shared.health.HealthController;
import io.canopy.shared.health.StoreCheck;
import io.micronaut.http.annotation.Controller;

import java.util.List;

/** The clock has no store: it is up whenever it answers. */
@Controller("/health/clock")
public class ClockHealthController extends HealthController {

    public ClockHealthController(List<StoreCheck> checks) {
        super(checks);
    }
}

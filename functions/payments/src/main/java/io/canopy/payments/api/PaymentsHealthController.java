package io.canopy.payments.api;

import io.canopy.shared.health.HealthController;
import io.canopy.shared.health.StoreCheck;
import io.micronaut.http.annotation.Controller;

import java.util.List;

/** Up when every payments table answers. */
@Controller("/health/payments")
public class PaymentsHealthController extends HealthController {

    public PaymentsHealthController(List<StoreCheck> checks) {
        super(checks);
    }
}

package io.canopy.orders.api;

import io.canopy.shared.health.HealthController;
import io.canopy.shared.health.StoreCheck;
import io.micronaut.http.annotation.Controller;

import java.util.List;

/** Up when every orders table answers. */
@Controller("/health/orders")
public class OrdersHealthController extends HealthController {

    public OrdersHealthController(List<StoreCheck> checks) {
        super(checks);
    }
}

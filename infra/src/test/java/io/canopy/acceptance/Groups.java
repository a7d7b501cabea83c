package io.canopy.acceptance;

import java.util.List;

/** Every endpoint group a deployment must serve. */
final class Groups {

    static final List<String> ALL = List.of("identity", "clock", "carbon", "properties", "certificates", "orders", "kitchen", "payments");

    private Groups() {
    }
}

package io.canopy.orders.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where an order is: {@code created → paid → progress → (dispatched → delivered)}, and {@code cancelled} from
 * created, paid or progress. Nothing in this group moves an order to dispatched or delivered yet; the states exist
 * so that the rules below hold once something does.
 */
public enum OrderStatus {
    CREATED, PAID, PROGRESS, DISPATCHED, DELIVERED, CANCELLED;

    /** All of them as the API spells them, for messages: "created, paid, ...". */
    public static final String ALL = Arrays.stream(values()).map(OrderStatus::wire).collect(Collectors.joining(", "));

    /** The lower-case name the API and the table use. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OrderStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(status -> status.wire().equals(value)).findFirst();
    }

    /** PUT replaces the items only before payment. */
    public boolean allowsChange() {
        return this == CREATED;
    }

    /** DELETE: before payment, or once cancelled. */
    public boolean allowsDelete() {
        return this == CREATED || this == CANCELLED;
    }

    /** Pay starts from created, or resumes a paid order at scheduling. */
    public boolean allowsPay() {
        return this == CREATED || this == PAID;
    }

    public boolean allowsCancel() {
        return this == CREATED || this == PAID || this == PROGRESS;
    }
}

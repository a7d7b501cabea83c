package io.canopy.orders.domain;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state machine's rules, one table per operation, exactly as the contract states them. */
class OrderStatusTest {

    @Test
    void rules_allowExactlyTheContractsStatuses() {
        assertEquals(List.of(OrderStatus.CREATED), allowing(OrderStatus::allowsChange));
        assertEquals(List.of(OrderStatus.CREATED, OrderStatus.CANCELLED), allowing(OrderStatus::allowsDelete));
        assertEquals(List.of(OrderStatus.CREATED, OrderStatus.PAID), allowing(OrderStatus::allowsPay));
        assertEquals(List.of(OrderStatus.CREATED, OrderStatus.PAID, OrderStatus.PROGRESS), allowing(OrderStatus::allowsCancel));
    }

    @Test
    void wire_isTheLowerCaseName_andReadsBack() {
        assertEquals("created, paid, progress, dispatched, delivered, cancelled", OrderStatus.ALL);
        for (OrderStatus status : OrderStatus.values()) {
            assertEquals(status, OrderStatus.fromWire(status.wire()).orElseThrow());
        }
        assertTrue(OrderStatus.fromWire("CREATED").isEmpty());
        assertTrue(OrderStatus.fromWire("shipped").isEmpty());
    }

    private static List<OrderStatus> allowing(Predicate<OrderStatus> rule) {
        return Arrays.stream(OrderStatus.values()).filter(rule).toList();
    }
}

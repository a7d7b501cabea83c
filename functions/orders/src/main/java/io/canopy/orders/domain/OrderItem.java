package io.canopy.orders.domain;

/** One line of a coffee order. */
public record OrderItem(String product, String size, int quantity) {
}

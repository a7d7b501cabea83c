package io.canopy.orders.domain;

/** One line of a coffee order, valid: product 1..100 characters, size small|medium|big, quantity 1..1000000. */
public record OrderItem(String product, String size, int quantity) {
}

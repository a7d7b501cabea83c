package io.canopy.kitchen.domain;

/** One line of an order as the kitchen prepares it. */
public record Item(String product, String size, int quantity) {
}

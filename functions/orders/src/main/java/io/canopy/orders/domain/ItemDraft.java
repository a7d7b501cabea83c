package io.canopy.orders.domain;

import io.micronaut.core.annotation.Nullable;

/** An order line as a client sends it; an absent quantity means 1. */
public record ItemDraft(@Nullable String product, @Nullable String size, @Nullable Integer quantity) {
}

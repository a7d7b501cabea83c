package io.canopy.kitchen.domain;

import io.micronaut.core.annotation.Nullable;

/** An order line as a client sends it; quantity defaults to 1. */
public record ItemDraft(@Nullable String product, @Nullable String size, @Nullable Integer quantity) {
}

package io.canopy.carbon.domain;

import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.time.Instant;

/** A partial update of a usage: null means "leave as it is". */
public record UsageChanges(@Nullable BigDecimal amount, @Nullable Long usageTypeId, @Nullable Instant usageAt) {

    public boolean isEmpty() {
        return amount == null && usageTypeId == null && usageAt == null;
    }
}

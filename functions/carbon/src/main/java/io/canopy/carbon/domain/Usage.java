package io.canopy.carbon.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One recorded usage of a user. The usage type is embedded as it was when the usage was recorded or last changed,
 * so {@code co2eKg} always matches the factor shown next to it.
 */
public record Usage(UUID id, UUID userId, BigDecimal amount, UsageType usageType, BigDecimal co2eKg,
                    Instant usageAt, Instant createdAt, Instant updatedAt, long version) {
}

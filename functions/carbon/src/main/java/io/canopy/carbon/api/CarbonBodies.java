package io.canopy.carbon.api;

import io.canopy.carbon.domain.Usage;
import io.canopy.carbon.domain.UsageSummary;
import io.canopy.carbon.domain.UsageType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the carbon group (snake_case on the wire). */
final class CarbonBodies {

    private CarbonBodies() {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "CarbonUsageType", description = "A usage type: factor kg CO2e per unit")
    record UsageTypeBody(@NotNull @Schema(example = "100") Long id,
                         @NotBlank @Size(max = 100) @Schema(example = "electricity") String name,
                         @NotBlank @Size(max = 20) @Schema(example = "kwh") String unit,
                         @NotNull @Schema(example = "1.5") BigDecimal factor) {

        static UsageTypeBody of(UsageType type) {
            return new UsageTypeBody(type.id(), type.name(), type.unit(), type.factor());
        }

        UsageType toType(long id) {
            return new UsageType(id, name, unit, factor);
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "CarbonUsageTypeReplacement", description = "A usage type's new name, unit and factor")
    record UsageTypeReplacement(@NotBlank @Size(max = 100) String name,
                                @NotBlank @Size(max = 20) String unit,
                                @NotNull BigDecimal factor) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "CarbonUsageTypeList")
    record UsageTypeList(List<UsageTypeBody> items) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "CarbonNewUsage", description = "amount >= 0 (at most 1e9, 6 decimals); usage_at defaults to now and may not be in the future")
    record NewUsage(@NotNull @Schema(example = "12.5") BigDecimal amount,
                    @NotNull @Schema(example = "100") Long usageTypeId,
                    @Nullable Instant usageAt) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "CarbonUsagePatch", description = "The fields to change; at least one")
    record UsagePatch(@Nullable BigDecimal amount, @Nullable Long usageTypeId, @Nullable Instant usageAt) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "CarbonUsage")
    record UsageBody(UUID id, UUID userId, BigDecimal amount, UsageTypeBody usageType, BigDecimal co2eKg,
                     Instant usageAt, Instant createdAt, Instant updatedAt) {

        static UsageBody of(Usage usage) {
            return new UsageBody(usage.id(), usage.userId(), usage.amount(), UsageTypeBody.of(usage.usageType()),
                    usage.co2eKg(), usage.usageAt(), usage.createdAt(), usage.updatedAt());
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "CarbonUsagePage")
    record UsagePage(List<UsageBody> items, @Nullable String nextCursor) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "CarbonUsageSummary")
    record SummaryBody(BigDecimal totalCo2eKg, List<TypeTotalBody> byType) {

        static SummaryBody of(UsageSummary summary) {
            return new SummaryBody(summary.totalCo2eKg(), summary.byType().stream()
                    .map(t -> new TypeTotalBody(t.usageTypeId(), t.name(), t.unit(), t.amount(), t.co2eKg())).toList());
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "CarbonUsageTypeTotal")
    record TypeTotalBody(long usageTypeId, String name, String unit, BigDecimal amount, BigDecimal co2eKg) {
    }
}

package io.canopy.carbon.domain;

import java.math.BigDecimal;
import java.util.List;

/** The caller's totals over a period: per usage type, and overall. */
public record UsageSummary(BigDecimal totalCo2eKg, List<TypeTotal> byType) {

    public record TypeTotal(long usageTypeId, String name, String unit, BigDecimal amount, BigDecimal co2eKg) {
    }
}

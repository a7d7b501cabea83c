package io.canopy.carbon.domain;

import java.math.BigDecimal;

/**
 * A kind of usage with its emission factor: {@code factor} kg CO2e per {@code unit}. Ids are integers, as in the
 * original service (100 electricity kwh 1.5, ...).
 */
public record UsageType(long id, String name, String unit, BigDecimal factor) {
}

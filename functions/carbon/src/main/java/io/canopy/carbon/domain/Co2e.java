package io.canopy.carbon.domain;

import java.math.BigDecimal;

/** Exact decimal arithmetic for CO2e: no binary floating point anywhere between the request and the JSON. */
public final class Co2e {

    private Co2e() {
    }

    /** {@code amount × factor}, exact, without trailing zeros (3, not 3.000) and never in exponent notation. */
    public static BigDecimal of(BigDecimal amount, BigDecimal factor) {
        return normalize(amount.multiply(factor));
    }

    public static BigDecimal normalize(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}

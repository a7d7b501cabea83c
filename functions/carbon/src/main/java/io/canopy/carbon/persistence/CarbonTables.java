package io.canopy.carbon.persistence;

import io.canopy.shared.dynamodb.TableNames;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** Table names and key formats of the carbon tables (see the module README for the design). */
@Singleton
class CarbonTables {

    static final String USAGES = "carbon-usages";
    static final String USAGE_TYPES = "carbon-usage-types";
    static final String BY_USAGE_AT = "by-usage-at";
    /** Fixed width, so that string order is time order (Instant.toString drops zero milliseconds). */
    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    final String usages;
    final String usageTypes;

    CarbonTables(TableNames names) {
        this.usages = names.of(USAGES);
        this.usageTypes = names.of(USAGE_TYPES);
    }

    static String userKey(UUID userId) {
        return "USER#" + userId;
    }

    static String usageKey(UUID id) {
        return "USAGE#" + id;
    }

    static String atKey(Instant usageAt, UUID id) {
        return SORTABLE.format(usageAt) + "#" + id;
    }

    static String sortable(Instant instant) {
        return SORTABLE.format(instant);
    }
}

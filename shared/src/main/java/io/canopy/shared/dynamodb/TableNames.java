package io.canopy.shared.dynamodb;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * Real table names: a function's code and its {@code META-INF/canopy/dynamodb-tables.json} use logical names
 * ({@code carbon-usages}); a deployment sets {@code CANOPY_TABLE_PREFIX} ({@code canopy-prod-}) and tests a
 * prefix of their own.
 */
@Singleton
public class TableNames {

    private final String prefix;

    public TableNames(@Value("${canopy.dynamodb.table-prefix:}") String prefix) {
        this.prefix = prefix;
    }

    public String of(String logicalName) {
        return prefix + logicalName;
    }
}

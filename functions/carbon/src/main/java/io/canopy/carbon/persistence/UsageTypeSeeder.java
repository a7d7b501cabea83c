package io.canopy.carbon.persistence;

import io.canopy.carbon.domain.UsageType;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Seeds the five usage types of the original service once per table, at the first init of the function (locally and
 * in AWS alike): each type is put only if absent, then a marker item records that seeding happened, so a type an
 * admin deleted later stays deleted. One consistent read per cold start once seeded.
 */
@Context
@Requires(property = "canopy.carbon.seed-usage-types", notEquals = "false")
class UsageTypeSeeder {

    static final List<UsageType> SEEDS = List.of(
            new UsageType(100, "electricity", "kwh", new BigDecimal("1.5")),
            new UsageType(101, "water", "kg", new BigDecimal("26.93")),
            new UsageType(102, "heating", "kwh", new BigDecimal("3.892")),
            new UsageType(103, "heating", "l", new BigDecimal("8.57")),
            new UsageType(104, "heating", "m3", new BigDecimal("19.456")));
    private static final Logger LOG = LoggerFactory.getLogger(UsageTypeSeeder.class);

    private final DynamoDbClient dynamoDb;
    private final String table;

    UsageTypeSeeder(DynamoDbClient dynamoDb, CarbonTables tables) {
        this.dynamoDb = dynamoDb;
        this.table = tables.usageTypes;
    }

    @PostConstruct
    void seed() {
        try {
            Map<String, AttributeValue> marker = DynamoUsageTypeRepository.key(DynamoUsageTypeRepository.SEED_MARKER_ID);
            Map<String, AttributeValue> existing = dynamoDb.getItem(r -> r.tableName(table).key(marker).consistentRead(true)).item();
            if (existing != null && !existing.isEmpty()) {
                return;
            }
            for (UsageType type : SEEDS) {
                Map<String, AttributeValue> item = new HashMap<>(DynamoUsageTypeRepository.toItem(type));
                item.put("usage_count", AttributeValue.fromN("0"));
                try {
                    dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(id)"));
                } catch (ConditionalCheckFailedException e) {
                    // already there (an earlier, interrupted seeding or an admin): keep it
                }
            }
            Map<String, AttributeValue> seeded = new HashMap<>(marker);
            seeded.put("seeded", AttributeValue.fromBool(true));
            dynamoDb.putItem(r -> r.tableName(table).item(seeded));
            LOG.info("Seeded {} usage types", SEEDS.size());
        } catch (RuntimeException e) {
            // The function still serves; the next cold start tries again.
            LOG.warn("Usage types not seeded: {}", e.toString());
        }
    }
}

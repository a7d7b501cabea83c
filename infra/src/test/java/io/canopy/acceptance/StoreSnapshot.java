package io.canopy.acceptance;

import io.canopy.local.LocalRuntime;
import io.canopy.stores.DynamoDbTables;
import io.canopy.stores.PostgresStore;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many rows every PostgreSQL table and how many items every DynamoDB table holds: taken before and after a
 * batch of requests that must change nothing. Waits for pending event deliveries first, so an earlier test's
 * user erasure does not count as a change.
 */
record StoreSnapshot(Map<String, Long> counts) {

    static StoreSnapshot of(LocalRuntime runtime) {
        try {
            // Erasures of earlier suites' users cold-start every group's event function, one after another.
            runtime.eventBus().awaitDelivered(Duration.ofSeconds(300));
            Map<String, Long> counts = new TreeMap<>();
            try (Connection connection = DriverManager.getConnection(runtime.jdbcUrl(), PostgresStore.USER, PostgresStore.PASSWORD);
                 Statement statement = connection.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("SELECT table_schema || '.' || table_name FROM information_schema.tables"
                        + " WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')")) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
                for (String table : tables) {
                    try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + table)) {
                        count.next();
                        counts.put("postgres " + table, count.getLong(1));
                    }
                }
            }
            new DynamoDbTables(runtime.dynamoDbEndpoint()).itemCounts()
                    .forEach((table, count) -> counts.put("dynamodb " + table, count));
            return new StoreSnapshot(counts);
        } catch (Exception e) {
            throw new IllegalStateException("cannot count what the stores hold", e);
        }
    }
}

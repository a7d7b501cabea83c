package io.canopy.testsupport;

import io.canopy.stores.DynamoDbStore;
import io.canopy.stores.DynamoDbTables;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

/**
 * A real DynamoDB Local (in memory) shared by the tests of one JVM, started on first use. Each caller gets its own
 * copy of the function's tables under a fresh table prefix, so test classes never see each other's items.
 */
public final class TestDynamoDb {

    /** The tables a function declares, read from its main resources. */
    public static final String TABLES_RESOURCE = "META-INF/canopy/dynamodb-tables.json";

    private static DynamoDbStore dynamodb;
    private static int prefixes;

    private TestDynamoDb() {
    }

    /**
     * Creates the tables of {@link #TABLES_RESOURCE} under a new prefix; returns the settings that point a
     * function at them ({@code canopy.dynamodb.endpoint}, {@code canopy.dynamodb.table-prefix}).
     */
    public static synchronized Map<String, String> newTables() {
        String prefix = "t" + (++prefixes) + "-";
        try (InputStream in = TestDynamoDb.class.getClassLoader().getResourceAsStream(TABLES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(TABLES_RESOURCE + " is not on the test class path");
            }
            new DynamoDbTables(endpoint()).createMissing(in.readAllBytes(), TABLES_RESOURCE, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return Map.of("canopy.dynamodb.endpoint", endpoint().toString(), "canopy.dynamodb.table-prefix", prefix);
    }

    /** The server's endpoint, for tests that read the tables directly. */
    public static synchronized URI endpoint() {
        if (dynamodb == null) {
            dynamodb = DynamoDbStore.startInMemory();
            Runtime.getRuntime().addShutdownHook(new Thread(dynamodb::close));
        }
        return dynamodb.endpoint();
    }

    /** Stop and start it to simulate an outage (in memory: the items are lost). */
    public static synchronized DynamoDbStore server() {
        endpoint();
        return dynamodb;
    }
}

package io.canopy.shared.dynamodb;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.shared.health.StoreCheck;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Every table the function declares in {@code META-INF/canopy/dynamodb-tables.json} exists and is active. It
 * reads only its own tables (DescribeTable), which is all a least-privilege role allows.
 */
@Singleton
@Requires(beans = DynamoDbClient.class)
@Requires(resources = "classpath:" + DynamoDbStoreCheck.TABLES_RESOURCE)
public class DynamoDbStoreCheck implements StoreCheck {

    static final String TABLES_RESOURCE = "META-INF/canopy/dynamodb-tables.json";

    private final DynamoDbClient dynamoDb;
    private final List<String> tables;

    public DynamoDbStoreCheck(DynamoDbClient dynamoDb, TableNames names, JsonMapper json) {
        this.dynamoDb = dynamoDb;
        this.tables = declaredTables(json).stream().map(table -> names.of(table.tableName())).toList();
    }

    @Override
    public String name() {
        return "dynamodb";
    }

    @Override
    public void check() {
        for (String table : tables) {
            TableStatus status = dynamoDb.describeTable(request -> request.tableName(table)).table().tableStatus();
            if (status != TableStatus.ACTIVE && status != TableStatus.UPDATING) {
                throw new IllegalStateException("table " + table + " is " + status);
            }
        }
    }

    private static List<DeclaredTable> declaredTables(JsonMapper json) {
        try (InputStream in = DynamoDbStoreCheck.class.getClassLoader().getResourceAsStream(TABLES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(TABLES_RESOURCE + " is missing");
            }
            return json.readValue(in.readAllBytes(), Argument.listOf(DeclaredTable.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + TABLES_RESOURCE, e);
        }
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    record DeclaredTable(@JsonProperty("TableName") String tableName) {
    }
}

package io.canopy.stores;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Against a real DynamoDB Local server on disk. */
class DynamoDbTablesTest {

    @TempDir
    static Path dataDir;
    private static DynamoDbStore dynamodb;

    @BeforeAll
    static void startDynamoDb() {
        dynamodb = DynamoDbStore.start(dataDir.resolve("dynamodb"));
    }

    @AfterAll
    static void stopDynamoDb() {
        dynamodb.close();
    }

    @Test
    void createMissing_createsDeclaredTablesWithIndexAndTtl_andSkipsThemOnSecondRun() throws Exception {
        // GIVEN
        byte[] fixture = DynamoDbTablesTest.class.getClassLoader().getResourceAsStream("fixtures/dynamodb-tables.json").readAllBytes();
        DynamoDbTables tables = new DynamoDbTables(dynamodb.endpoint());

        // WHEN
        List<String> firstRun = tables.createMissing(fixture, "fixture");
        List<String> secondRun = tables.createMissing(fixture, "fixture");

        // THEN
        assertThat(firstRun).containsExactly("canopy-fixture-orders", "canopy-fixture-idempotency");
        assertThat(secondRun).isEmpty();
        JsonNode table = call("DescribeTable", "{\"TableName\":\"canopy-fixture-orders\"}").path("Table");
        assertThat(table.path("GlobalSecondaryIndexes").get(0).path("IndexName").asText()).isEqualTo("by-status");
        assertThat(table.path("BillingModeSummary").path("BillingMode").asText()).isEqualTo("PAY_PER_REQUEST");
        JsonNode ttl = call("DescribeTimeToLive", "{\"TableName\":\"canopy-fixture-orders\"}").path("TimeToLiveDescription");
        assertThat(ttl.path("AttributeName").asText()).isEqualTo("expires_at");
        assertThat(ttl.path("TimeToLiveStatus").asText()).isEqualTo("ENABLED");
    }

    @Test
    void restart_keepsCreatedTables_whenDataIsOnDisk() throws Exception {
        // GIVEN
        new DynamoDbTables(dynamodb.endpoint()).createMissing(
                "[{\"TableName\":\"canopy-fixture-restart\",\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"}],\"AttributeDefinitions\":[{\"AttributeName\":\"id\",\"AttributeType\":\"S\"}],\"BillingMode\":\"PAY_PER_REQUEST\"}]".getBytes(),
                "inline");

        // WHEN
        dynamodb.stop();
        dynamodb.start();

        // THEN
        assertThat(call("ListTables", "{}").path("TableNames").toString()).contains("canopy-fixture-restart");
    }

    private static JsonNode call(String operation, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(dynamodb.endpoint().toString()))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=other/20260101/eu-west-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}

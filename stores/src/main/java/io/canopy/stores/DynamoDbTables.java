package io.canopy.stores;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the tables a function declares in {@code META-INF/canopy/dynamodb-tables.json}: a JSON array of
 * DynamoDB {@code CreateTable} inputs, as the DynamoDB JSON API (and the AWS CLI's {@code --cli-input-json})
 * spells them. An input may carry {@code TimeToLiveSpecification}, which CreateTable does not accept, so it is
 * applied with {@code UpdateTimeToLive} afterwards. Existing tables are left alone: running twice is harmless.
 *
 * <p>Plain JSON over HTTP keeps the file format and the wire format the same, with no SDK model in between.
 */
public final class DynamoDbTables {

    private static final Logger log = LoggerFactory.getLogger(DynamoDbTables.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final URI endpoint;
    private final HttpClient http;

    public DynamoDbTables(URI endpoint) {
        this.endpoint = endpoint;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** @return the names of the tables that were created now (not those that existed) */
    public List<String> createMissing(byte[] tablesJson, String source) throws IOException, InterruptedException {
        return createMissing(tablesJson, source, "");
    }

    /**
     * As {@link #createMissing(byte[], String)}, naming each table {@code tablePrefix + TableName}: the files hold
     * logical names, and a deployment (or a test) chooses the prefix, as {@code CANOPY_TABLE_PREFIX} does.
     */
    public List<String> createMissing(byte[] tablesJson, String source, String tablePrefix)
            throws IOException, InterruptedException {
        JsonNode tables = JSON.readTree(tablesJson);
        if (tables == null || !tables.isArray()) {
            throw new IllegalArgumentException(source + ": expected a JSON array of CreateTable inputs");
        }
        List<String> created = new ArrayList<>();
        for (JsonNode table : tables) {
            if (!table.isObject() || !table.path("TableName").isTextual()) {
                throw new IllegalArgumentException(source + ": every entry needs a TableName");
            }
            ObjectNode input = ((ObjectNode) table).deepCopy();
            String name = tablePrefix + input.get("TableName").asText();
            input.put("TableName", name);
            JsonNode ttl = input.remove("TimeToLiveSpecification");
            if (createTable(name, input, source)) {
                created.add(name);
                if (ttl != null) {
                    ObjectNode update = JSON.createObjectNode();
                    update.put("TableName", name);
                    update.set("TimeToLiveSpecification", ttl);
                    call("UpdateTimeToLive", update).requireOk(source + ": UpdateTimeToLive " + name);
                }
            }
        }
        return created;
    }

    /** Every table's item count (a full scan: for tests that check nothing was written, never for serving). */
    public java.util.Map<String, Long> itemCounts() throws IOException, InterruptedException {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        Response tables = call("ListTables", JSON.createObjectNode());
        tables.requireOk("ListTables");
        for (JsonNode name : JSON.readTree(tables.body()).path("TableNames")) {
            long count = 0;
            JsonNode startKey = null;
            do {
                ObjectNode scan = JSON.createObjectNode().put("TableName", name.asText()).put("Select", "COUNT");
                if (startKey != null) {
                    scan.set("ExclusiveStartKey", startKey);
                }
                Response page = call("Scan", scan);
                page.requireOk("Scan " + name.asText());
                JsonNode answer = JSON.readTree(page.body());
                count += answer.path("Count").asLong();
                startKey = answer.hasNonNull("LastEvaluatedKey") ? answer.get("LastEvaluatedKey") : null;
            } while (startKey != null);
            counts.put(name.asText(), count);
        }
        return counts;
    }

    private boolean createTable(String name, ObjectNode input, String source) throws IOException, InterruptedException {
        Response response = call("CreateTable", input);
        if (response.ok()) {
            log.info("Created DynamoDB table {} ({})", name, source);
            return true;
        }
        if (response.errorType().endsWith("ResourceInUseException")) {
            return false;
        }
        throw new IllegalStateException(source + ": CreateTable " + name + " failed: " + response.body());
    }

    private Response call(String operation, JsonNode input) throws IOException, InterruptedException {
        String now = AMZ_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                .header("X-Amz-Date", now)
                // DynamoDB Local parses but does not verify the signature (the key id must be letters and digits only);
                // with -sharedDb which key signs is irrelevant.
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=canopylocal/" + now.substring(0, 8)
                        + "/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(input)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        String errorType = "";
        if (response.statusCode() != 200) {
            errorType = JSON.readTree(response.body()).path("__type").asText("");
        }
        return new Response(response.statusCode() == 200, errorType, response.body());
    }

    private record Response(boolean ok, String errorType, String body) {
        void requireOk(String what) {
            if (!ok) {
                throw new IllegalStateException(what + " failed: " + body);
            }
        }
    }
}

package io.canopy.shared.idempotency;

import io.canopy.shared.dynamodb.TableNames;
import io.canopy.shared.error.ApiException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for creating POSTs, on a DynamoDB table of the function's own (key {@code pk}, TTL on
 * {@code expires_at}). The same key with the same body within 24 h replays the first response; with another
 * body it is a 422; while the first request still runs, a second one is a 409.
 *
 * <p>The record is claimed with a conditional put before the action runs, so two concurrent requests with one
 * key never both act. A claim whose request died (a Lambda timeout) can be taken over after {@link #CLAIM_TIMEOUT}.
 * When the action fails, the claim is released and the client may retry with the same key.
 */
@Singleton
@Requires(property = "canopy.idempotency.table")
public class IdempotencyStore {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final Duration RETENTION = Duration.ofHours(24);
    static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_KEY_LENGTH = 255;
    private static final String PENDING = "pending";
    private static final String COMPLETE = "complete";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final JsonMapper json;
    private final Clock clock;

    public IdempotencyStore(DynamoDbClient dynamoDb, TableNames tables,
                            @Value("${canopy.idempotency.table}") String logicalTable, JsonMapper json, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = tables.of(logicalTable);
        this.json = json;
        this.clock = clock;
    }

    /**
     * Runs {@code action} once per {@code (scope, key)}.
     *
     * @param scope   whose key it is and for which operation, e.g. {@code "<user id> POST /usages"}: one user's
     *                key never replays another user's response
     * @param key     the header's value; {@code null} runs the action without idempotency
     * @param request the decoded body; two requests are "the same" when it serializes to the same JSON
     */
    public MutableHttpResponse<?> execute(String scope, @Nullable String key, Object request,
                                          Supplier<? extends MutableHttpResponse<?>> action) {
        if (key == null) {
            return action.get();
        }
        validate(key);
        String pk = scope + "\n" + key;
        String fingerprint = fingerprint(request);
        if (!claim(pk, fingerprint)) {
            Map<String, AttributeValue> existing = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                    .key(Map.of("pk", AttributeValue.fromS(pk)))).item();
            if (existing == null || existing.isEmpty() || isExpired(existing)) {
                // Released or expired between our claim and this read: try once more.
                if (!claim(pk, fingerprint)) {
                    throw ApiException.conflict("A request with this " + HEADER + " is in progress; retry later");
                }
            } else {
                return answerFor(existing, fingerprint);
            }
        }
        MutableHttpResponse<?> response;
        try {
            response = action.get();
        } catch (RuntimeException | Error e) {
            release(pk);
            throw e;
        }
        complete(pk, fingerprint, response);
        return response;
    }

    private static void validate(String key) {
        boolean printable = key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !printable) {
            throw ApiException.invalid(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters");
        }
    }

    private boolean claim(String pk, String fingerprint) {
        long now = clock.instant().getEpochSecond();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS(pk));
        item.put("fingerprint", AttributeValue.fromS(fingerprint));
        item.put("state", AttributeValue.fromS(PENDING));
        item.put("claimed_until", number(now + CLAIM_TIMEOUT.toSeconds()));
        item.put("expires_at", number(now + RETENTION.toSeconds()));
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR expires_at < :now"
                            + " OR (#state = :pending AND claimed_until < :now)")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":now", number(now), ":pending", AttributeValue.fromS(PENDING))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private MutableHttpResponse<?> answerFor(Map<String, AttributeValue> existing, String fingerprint) {
        if (!fingerprint.equals(existing.get("fingerprint").s())) {
            throw ApiException.invalid(HEADER, "was already used with a different request body");
        }
        if (!COMPLETE.equals(existing.get("state").s())) {
            throw ApiException.conflict("A request with this " + HEADER + " is in progress; retry later");
        }
        MutableHttpResponse<byte[]> replay = HttpResponse.<byte[]>status(
                HttpStatus.valueOf(Integer.parseInt(existing.get("status").n())));
        if (existing.containsKey("body")) {
            replay.body(existing.get("body").b().asByteArray()).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        if (existing.containsKey("location")) {
            replay.header(HttpHeaders.LOCATION, existing.get("location").s());
        }
        if (existing.containsKey("etag")) {
            replay.header(HttpHeaders.ETAG, existing.get("etag").s());
        }
        return replay.header(REPLAYED_HEADER, "true");
    }

    private void complete(String pk, String fingerprint, MutableHttpResponse<?> response) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS(pk));
        item.put("state", AttributeValue.fromS(COMPLETE));
        item.put("status", number(response.code()));
        item.put("expires_at", number(clock.instant().getEpochSecond() + RETENTION.toSeconds()));
        response.getBody().ifPresent(body -> item.put("body", AttributeValue.fromB(SdkBytes.fromByteArray(serialize(body)))));
        response.getHeaders().findFirst(HttpHeaders.LOCATION).ifPresent(v -> item.put("location", AttributeValue.fromS(v)));
        response.getHeaders().findFirst(HttpHeaders.ETAG).ifPresent(v -> item.put("etag", AttributeValue.fromS(v)));
        item.put("fingerprint", AttributeValue.fromS(fingerprint));
        dynamoDb.putItem(r -> r.tableName(table).item(item));
    }

    private void release(String pk) {
        try {
            dynamoDb.deleteItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS(pk)))
                    .conditionExpression("#state = :pending")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":pending", AttributeValue.fromS(PENDING))));
        } catch (RuntimeException e) {
            // The claim expires after CLAIM_TIMEOUT anyway; the original failure matters more.
        }
    }

    private boolean isExpired(Map<String, AttributeValue> item) {
        // DynamoDB deletes expired items only eventually (DynamoDB Local never does).
        return Long.parseLong(item.get("expires_at").n()) < clock.instant().getEpochSecond();
    }

    private byte[] serialize(Object body) {
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String fingerprint(Object request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(serialize(request)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}

package io.canopy.shared.dynamodb;

import io.canopy.shared.error.ApiException;
import io.canopy.shared.paging.Cursors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A query's {@code LastEvaluatedKey} as an opaque {@code next_cursor}, and back as {@code ExclusiveStartKey}.
 * Decoding checks the key's attribute names and the values the query fixes (its partition key: the caller), so
 * a forged cursor can neither reach another user's items nor make DynamoDB fail: it is a 422 on {@code cursor}.
 */
public final class DynamoCursors {

    private static final int PARTS_PER_ATTRIBUTE = 3;

    private DynamoCursors() {
    }

    /** {@code null} when there is no next page. Only string and number key attributes are supported. */
    public static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        lastEvaluatedKey.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            AttributeValue value = entry.getValue();
            parts.add(entry.getKey());
            if (value.s() != null) {
                parts.add("S");
                parts.add(value.s());
            } else if (value.n() != null) {
                parts.add("N");
                parts.add(value.n());
            } else {
                throw new IllegalArgumentException("key attribute " + entry.getKey() + " is neither S nor N");
            }
        });
        return Cursors.encode(parts);
    }

    /**
     * @param keyNames  exactly the attribute names the query's LastEvaluatedKey has (table key + index key)
     * @param fixed     attributes whose value the cursor must repeat, e.g. the partition key of the caller
     */
    public static Map<String, AttributeValue> decode(String cursor, Set<String> keyNames, Map<String, AttributeValue> fixed) {
        List<String> parts = Cursors.decode(cursor, keyNames.size() * PARTS_PER_ATTRIBUTE);
        Map<String, AttributeValue> key = new HashMap<>();
        for (int i = 0; i < parts.size(); i += PARTS_PER_ATTRIBUTE) {
            String name = parts.get(i);
            String value = parts.get(i + 2);
            AttributeValue attribute = switch (parts.get(i + 1)) {
                case "S" -> AttributeValue.fromS(value);
                case "N" -> number(value);
                default -> throw invalid();
            };
            key.put(name, attribute);
        }
        if (!key.keySet().equals(keyNames)) {
            throw invalid();
        }
        fixed.forEach((name, value) -> {
            if (!Objects.equals(key.get(name), value)) {
                throw invalid();
            }
        });
        return key;
    }

    private static AttributeValue number(String value) {
        try {
            new java.math.BigDecimal(value);
        } catch (NumberFormatException e) {
            throw invalid();
        }
        return AttributeValue.fromN(value);
    }

    private static ApiException invalid() {
        return ApiException.invalid("cursor", "is not a cursor this API returned");
    }
}

package io.canopy.shared.dynamodb;

import io.canopy.shared.error.ApiException;
import io.canopy.shared.paging.Cursors;
import io.micronaut.http.HttpStatus;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DynamoCursorsTest {

    private static final Set<String> KEY = Set.of("pk", "sk", "at");
    private static final Map<String, AttributeValue> MINE = Map.of("pk", AttributeValue.fromS("USER#1"));

    @Test
    void decode_returnsTheEncodedKey_whenCursorIsOurs() {
        Map<String, AttributeValue> last = Map.of("pk", AttributeValue.fromS("USER#1"),
                "sk", AttributeValue.fromS("2026-11-22T09:30:00Z#abc"), "at", AttributeValue.fromN("1795771800"));
        assertEquals(last, DynamoCursors.decode(DynamoCursors.encode(last), KEY, MINE));
    }

    @Test
    void encode_returnsNull_whenThereIsNoNextPage() {
        assertNull(DynamoCursors.encode(null));
        assertNull(DynamoCursors.encode(Map.of()));
    }

    @Test
    void decode_throwsUnprocessable_whenCursorNamesAnotherUsersPartition() {
        // GIVEN a cursor built (forged) for user 2's partition
        String forged = DynamoCursors.encode(Map.of("pk", AttributeValue.fromS("USER#2"),
                "sk", AttributeValue.fromS("x"), "at", AttributeValue.fromN("1")));
        // WHEN user 1 sends it / THEN 422 on cursor
        ApiException e = assertThrows(ApiException.class, () -> DynamoCursors.decode(forged, KEY, MINE));
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, e.status());
        assertEquals("cursor", e.errors().get(0).field());
    }

    @Test
    void decode_throwsUnprocessable_whenCursorIsMalformed() {
        for (String bad : new String[] {"%%%", Cursors.encode("pk", "S", "USER#1"),
                Cursors.encode("pk", "S", "USER#1", "sk", "B", "x", "at", "N", "1"),
                Cursors.encode("pk", "S", "USER#1", "sk", "S", "x", "at", "N", "not-a-number"),
                Cursors.encode("pk", "S", "USER#1", "sk", "S", "x", "other", "N", "1")}) {
            ApiException e = assertThrows(ApiException.class, () -> DynamoCursors.decode(bad, KEY, MINE), bad);
            assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, e.status());
        }
    }
}

package io.canopy.shared.paging;

import io.canopy.shared.error.ApiException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CursorsTest {

    @Test
    void decode_returnsTheEncodedParts() {
        String cursor = Cursors.encode("2026-11-22T09:30:00Z", "a1b2", "");
        assertFalse(cursor.contains("="), "URL-safe, unpadded");
        assertEquals(List.of("2026-11-22T09:30:00Z", "a1b2", ""), Cursors.decode(cursor, 3));
    }

    @Test
    void decode_returns422OnCursor_whenCursorIsNotOurs() {
        ApiException notBase64 = assertThrows(ApiException.class, () -> Cursors.decode("***", 2));
        assertEquals(422, notBase64.status().getCode());
        assertEquals("cursor", notBase64.errors().get(0).field());
        assertThrows(ApiException.class, () -> Cursors.decode(Cursors.encode("only-one"), 2));
    }

    @Test
    void pageRequest_defaultsTo20_andRejectsOutOfRangeLimits() {
        assertEquals(20, PageRequest.of(null, null).limit());
        assertEquals(100, PageRequest.of(100, " ").limit());
        assertEquals(null, PageRequest.of(1, " ").cursor());
        assertEquals("limit", assertThrows(ApiException.class, () -> PageRequest.of(0, null)).errors().get(0).field());
        assertThrows(ApiException.class, () -> PageRequest.of(101, null));
    }
}

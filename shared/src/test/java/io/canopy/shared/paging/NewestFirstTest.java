package io.canopy.shared.paging;

import io.canopy.shared.error.ApiException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NewestFirstTest {

    record Row(Instant createdAt, UUID id) {
    }

    private final Row older = new Row(Instant.parse("2026-11-22T09:30:00.123456Z"), UUID.randomUUID());
    private final Row newer = new Row(Instant.parse("2026-11-22T10:00:00Z"), UUID.randomUUID());

    @Test
    void page_cutsTheExtraRow_andItsCursorStartsAfterTheLastOneServed() {
        Page<Row> page = NewestFirst.page(List.of(newer, older), 1, Row::createdAt, Row::id);

        assertEquals(List.of(newer), page.items());
        assertEquals(new NewestFirst(newer.createdAt(), newer.id()), NewestFirst.after(page.nextCursor()));
    }

    @Test
    void page_hasNoCursor_whenNothingIsLeft() {
        Page<Row> page = NewestFirst.page(List.of(newer, older), 2, Row::createdAt, Row::id);

        assertEquals(List.of(newer, older), page.items());
        assertNull(page.nextCursor());
    }

    @Test
    void after_isTheFirstPage_withoutACursor() {
        assertEquals(NewestFirst.FIRST_PAGE, NewestFirst.after(null));
        assertNull(NewestFirst.after(null).createdAt());
    }

    @Test
    void after_is422OnCursor_whenTheCursorIsNotATimeAndAnId() {
        for (String cursor : List.of(Cursors.encode("yesterday", UUID.randomUUID().toString()),
                Cursors.encode(older.createdAt().toString(), "not-a-uuid"), Cursors.encode("one part"), "***")) {
            ApiException e = assertThrows(ApiException.class, () -> NewestFirst.after(cursor), cursor);
            assertEquals(422, e.status().getCode());
            assertEquals("cursor", e.errors().get(0).field());
        }
    }
}

package io.canopy.shared.http;

import io.canopy.shared.error.ApiException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ETagsTest {

    @Test
    void etag_isTheQuotedVersion() {
        assertEquals("\"7\"", ETags.of(7));
    }

    @Test
    void checkIfMatch_allowsAbsentWildcardAndMatchingTags() {
        assertDoesNotThrow(() -> ETags.checkIfMatch(null, 3));
        assertDoesNotThrow(() -> ETags.checkIfMatch("*", 3));
        assertDoesNotThrow(() -> ETags.checkIfMatch("\"3\"", 3));
        assertDoesNotThrow(() -> ETags.checkIfMatch("\"1\", W/\"3\"", 3));
    }

    @Test
    void checkIfMatch_throws412_whenNoTagMatches() {
        ApiException mismatch = assertThrows(ApiException.class, () -> ETags.checkIfMatch("\"2\"", 3));
        assertEquals(412, mismatch.status().getCode());
        assertThrows(ApiException.class, () -> ETags.checkIfMatch("3", 3), "an unquoted tag is not the tag");
    }
}

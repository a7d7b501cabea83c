package io.canopy.shared.paging;

import io.canopy.shared.error.ApiException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Opaque cursors: a list of key parts (the sort key of the last item served, for keyset paging) encoded as
 * URL-safe base64. Clients must not build them; a cursor that does not decode is a 422 on {@code cursor}.
 */
public final class Cursors {

    private static final char SEPARATOR = '\n';

    private Cursors() {
    }

    public static String encode(String... parts) {
        return encode(List.of(parts));
    }

    public static String encode(List<String> parts) {
        for (String part : parts) {
            if (part.indexOf(SEPARATOR) >= 0) {
                throw new IllegalArgumentException("cursor part contains a newline");
            }
        }
        byte[] bytes = String.join(String.valueOf(SEPARATOR), parts).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The parts of a cursor made by {@link #encode}; exactly {@code expectedParts} of them, else 422. */
    public static List<String> decode(String cursor, int expectedParts) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        List<String> parts = new ArrayList<>(expectedParts);
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == SEPARATOR) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (parts.size() != expectedParts) {
            throw invalid();
        }
        return parts;
    }

    static ApiException invalid() {
        return ApiException.invalid("cursor", "is not a cursor this API returned");
    }
}

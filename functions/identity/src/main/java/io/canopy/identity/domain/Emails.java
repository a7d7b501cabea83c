package io.canopy.identity.domain;

import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Emails are compared and stored trimmed and lower-case. */
public final class Emails {

    private Emails() {
    }

    public static @Nullable String normalize(@Nullable String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    /** SHA-256 of the normalized email: how the sign-in throttle keys an address without storing it. */
    static String key(String normalizedEmail) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalizedEmail.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}

package io.canopy.identity.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored refresh token: only its SHA-256 ({@code tokenHash}) is kept. Tokens issued from one sign-in by rotation
 * share a {@code familyId}; {@code usedAt} is set when it was exchanged (it works once).
 */
public record RefreshToken(String tokenHash, UUID userId, UUID familyId, Instant expiresAt, @Nullable Instant usedAt,
                           Instant createdAt) {
}

package io.canopy.identity.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code identity.refresh_tokens}: the SHA-256 (hex) of a refresh token, never the token. */
@MappedEntity(value = "refresh_tokens", schema = "identity")
record RefreshTokenRow(@Id String tokenHash, UUID userId, UUID familyId, Instant expiresAt, @Nullable Instant usedAt,
                       Instant createdAt) {
}

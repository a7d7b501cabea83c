package io.canopy.certificates.domain;

import java.time.Instant;
import java.util.UUID;

/** A user's certificate; its private key exists here only sealed. */
public record Certificate(UUID id, UUID userId, String body, boolean active, SealedKey privateKey,
                          Instant createdAt, Instant updatedAt, long version) {
}

package io.canopy.certificates.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code certificates.certificates}: the private key only as ciphertext, nonce and wrapped data key. */
@MappedEntity(value = "certificates", schema = "certificates")
record CertificateRow(@Id UUID id, UUID userId, String body, boolean active, byte[] keyCiphertext, byte[] keyNonce,
                      byte[] wrappedKey, String keyId, Instant createdAt, Instant updatedAt, long version) {
}

package io.canopy.certificates.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Certificates, always looked up within one user. */
public interface CertificateRepository {

    void insert(Certificate certificate);

    Optional<Certificate> find(UUID userId, UUID id);

    /** Newest first, after the keyset {@code (afterCreatedAt, afterId)} when given. */
    List<Certificate> list(UUID userId, @Nullable Boolean active, @Nullable Instant afterCreatedAt, @Nullable UUID afterId, int limit);

    /** Sets {@code active}; false when the certificate is gone. */
    boolean setActive(UUID userId, UUID id, boolean active, Instant now);

    boolean delete(UUID userId, UUID id);

    long deleteAllOf(UUID userId);
}

package io.canopy.certificates.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Certificates, always looked up within one user: another user's certificate is never found. */
public interface CertificateRepository {

    void insert(Certificate certificate);

    Optional<Certificate> find(UUID userId, UUID id);

    /** Like {@link #find}, and locks the row until the transaction ends (the If-Match check, then the write). */
    Optional<Certificate> findForUpdate(UUID userId, UUID id);

    /** Newest first, after the keyset {@code (afterCreatedAt, afterId)} when given. */
    List<Certificate> list(UUID userId, @Nullable Boolean active, @Nullable Instant afterCreatedAt, @Nullable UUID afterId, int limit);

    /** Sets {@code active} and {@code updated_at} and bumps the version; false when the certificate is gone. */
    boolean setActive(UUID userId, UUID id, boolean active, Instant now);

    boolean delete(UUID userId, UUID id);

    /** Every certificate of the user; how many there were. */
    long deleteAllOf(UUID userId);
}

package io.canopy.certificates.persistence;

import io.canopy.certificates.domain.Certificate;
import io.canopy.certificates.domain.CertificateRepository;
import io.canopy.certificates.domain.SealedKey;
import io.canopy.shared.events.JdbcErasedUsers;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link CertificateRepository} on PostgreSQL ({@code certificates.certificates}). */
@Singleton
class JdbcCertificateRepository implements CertificateRepository {

    private static final String SCHEMA = "certificates";

    private final CertificateRows rows;
    private final JdbcOperations jdbc;

    JdbcCertificateRepository(CertificateRows rows, JdbcOperations jdbc) {
        this.rows = rows;
        this.jdbc = jdbc;
    }

    @Override
    public void insert(Certificate c) {
        jdbc.execute(connection -> {
            JdbcErasedUsers.checkNotErased(connection, SCHEMA, c.userId());
            return null;
        });
        SealedKey key = c.privateKey();
        rows.save(new CertificateRow(c.id(), c.userId(), c.body(), c.active(), key.ciphertext(), key.nonce(), key.wrappedKey(),
                key.keyId(), c.createdAt(), c.updatedAt(), c.version()));
    }

    @Override
    public Optional<Certificate> find(UUID userId, UUID id) {
        return rows.findByUserIdAndId(userId, id).map(JdbcCertificateRepository::toCertificate);
    }

    @Override
    public Optional<Certificate> findForUpdate(UUID userId, UUID id) {
        return rows.lockByUserIdAndId(userId, id).map(JdbcCertificateRepository::toCertificate);
    }

    @Override
    public List<Certificate> list(UUID userId, @Nullable Boolean active, @Nullable Instant afterCreatedAt, @Nullable UUID afterId, int limit) {
        List<CertificateRow> found;
        if (active == null) {
            found = afterCreatedAt == null ? rows.newest(userId, limit) : rows.newestAfter(userId, afterCreatedAt, afterId, limit);
        } else {
            found = afterCreatedAt == null ? rows.newestByActive(userId, active, limit)
                    : rows.newestByActiveAfter(userId, active, afterCreatedAt, afterId, limit);
        }
        return found.stream().map(JdbcCertificateRepository::toCertificate).toList();
    }

    @Override
    public boolean setActive(UUID userId, UUID id, boolean active, Instant now) {
        return rows.updateActive(userId, id, active, now) == 1;
    }

    @Override
    public boolean delete(UUID userId, UUID id) {
        return rows.deleteByUserIdAndId(userId, id) == 1;
    }

    @Override
    public long deleteAllOf(UUID userId) {
        jdbc.execute(connection -> {
            JdbcErasedUsers.mark(connection, SCHEMA, userId);
            return null;
        });
        return rows.deleteByUserId(userId);
    }

    private static Certificate toCertificate(CertificateRow row) {
        return new Certificate(row.id(), row.userId(), row.body(), row.active(),
                new SealedKey(row.keyCiphertext(), row.keyNonce(), row.wrappedKey(), row.keyId()),
                row.createdAt(), row.updatedAt(), row.version());
    }
}

package io.canopy.certificates.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface CertificateRows extends CrudRepository<CertificateRow, UUID> {

    Optional<CertificateRow> findByUserIdAndId(UUID userId, UUID id);

    @Query("SELECT * FROM certificates.certificates WHERE user_id = :userId AND id = :id FOR UPDATE")
    Optional<CertificateRow> lockByUserIdAndId(UUID userId, UUID id);

    @Query("SELECT * FROM certificates.certificates WHERE user_id = :userId"
            + " ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<CertificateRow> newest(UUID userId, int limit);

    @Query("SELECT * FROM certificates.certificates WHERE user_id = :userId AND (created_at, id) < (:createdAt, :id)"
            + " ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<CertificateRow> newestAfter(UUID userId, Instant createdAt, UUID id, int limit);

    @Query("SELECT * FROM certificates.certificates WHERE user_id = :userId AND active = :active"
            + " ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<CertificateRow> newestByActive(UUID userId, boolean active, int limit);

    @Query("SELECT * FROM certificates.certificates WHERE user_id = :userId AND active = :active AND (created_at, id) < (:createdAt, :id)"
            + " ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<CertificateRow> newestByActiveAfter(UUID userId, boolean active, Instant createdAt, UUID id, int limit);

    @Query("UPDATE certificates.certificates SET active = :active, updated_at = :now, version = version + 1"
            + " WHERE user_id = :userId AND id = :id")
    int updateActive(UUID userId, UUID id, boolean active, Instant now);

    int deleteByUserIdAndId(UUID userId, UUID id);

    long deleteByUserId(UUID userId);

    @Query("SELECT * FROM certificates.certificates WHERE key_id <> :keyId ORDER BY id LIMIT :limit")
    List<CertificateRow> wrappedByOtherKeys(String keyId, int limit);

    @Query("SELECT * FROM certificates.certificates WHERE key_id <> :keyId AND id > :afterId ORDER BY id LIMIT :limit")
    List<CertificateRow> wrappedByOtherKeysAfter(String keyId, UUID afterId, int limit);

    @Query("UPDATE certificates.certificates SET wrapped_key = :wrappedKey, key_id = :newKeyId WHERE id = :id AND key_id = :oldKeyId")
    int rewrap(UUID id, byte[] wrappedKey, String newKeyId, String oldKeyId);
}

package io.canopy.certificates.persistence;

import io.canopy.certificates.domain.Certificate;
import io.canopy.certificates.domain.CertificateRepository;
import io.canopy.certificates.domain.SealedKey;
import io.canopy.shared.events.JdbcErasedUsers;
import io.canopy.shared.jdbc.Sql;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link CertificateRepository} on PostgreSQL ({@code certificates.certificates}): plain JDBC on the current
 * transaction's connection (shared {@link Sql}). It also holds the re-wrap's statements ({@link RewrapKeys}).
 */
@Singleton
class JdbcCertificateRepository implements CertificateRepository {

    private static final String SCHEMA = "certificates";
    private static final String COLUMNS = "id, user_id, body, active, key_ciphertext, key_nonce, wrapped_key, key_id,"
            + " created_at, updated_at, version";

    private final Sql sql;

    JdbcCertificateRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(Certificate c) {
        SealedKey key = c.privateKey();
        sql.run(connection -> {
            JdbcErasedUsers.checkNotErased(connection, SCHEMA, c.userId());
            return Sql.update(connection, "INSERT INTO certificates.certificates (" + COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", c.id(), c.userId(), c.body(), c.active(),
                    key.ciphertext(), key.nonce(), key.wrappedKey(), key.keyId(), c.createdAt(), c.updatedAt(), c.version());
        });
    }

    @Override
    public Optional<Certificate> find(UUID userId, UUID id) {
        return select("SELECT " + COLUMNS + " FROM certificates.certificates WHERE user_id = ? AND id = ?", userId, id)
                .stream().findFirst();
    }

    @Override
    public Optional<Certificate> findForUpdate(UUID userId, UUID id) {
        return select("SELECT " + COLUMNS + " FROM certificates.certificates WHERE user_id = ? AND id = ? FOR UPDATE",
                userId, id).stream().findFirst();
    }

    @Override
    public List<Certificate> list(UUID userId, @Nullable Boolean active, @Nullable Instant afterCreatedAt, @Nullable UUID afterId, int limit) {
        // Only the filters given go into the SQL, so each combination is a range scan of its index (see V1).
        StringBuilder select = new StringBuilder("SELECT " + COLUMNS + " FROM certificates.certificates WHERE user_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(userId));
        if (active != null) {
            select.append(" AND active = ?");
            parameters.add(active);
        }
        Sql.newestFirstPage(select, parameters, afterCreatedAt, afterId, limit);
        return select(select.toString(), parameters.toArray());
    }

    @Override
    public boolean setActive(UUID userId, UUID id, boolean active, Instant now) {
        return sql.run(connection -> Sql.update(connection, "UPDATE certificates.certificates"
                + " SET active = ?, updated_at = ?, version = version + 1 WHERE user_id = ? AND id = ?",
                active, now, userId, id)) == 1;
    }

    @Override
    public boolean delete(UUID userId, UUID id) {
        return sql.run(connection -> Sql.update(connection,
                "DELETE FROM certificates.certificates WHERE user_id = ? AND id = ?", userId, id)) == 1;
    }

    @Override
    public long deleteAllOf(UUID userId) {
        return sql.run(connection -> {
            JdbcErasedUsers.mark(connection, SCHEMA, userId);
            return (long) Sql.update(connection, "DELETE FROM certificates.certificates WHERE user_id = ?", userId);
        });
    }

    /**
     * For {@link RewrapKeys}: up to {@code limit} certificates whose data key a master key other than {@code keyId}
     * wrapped, in id order, after {@code afterId} when given.
     */
    List<Certificate> wrappedByOtherKeys(String keyId, @Nullable UUID afterId, int limit) {
        return afterId == null
                ? select("SELECT " + COLUMNS + " FROM certificates.certificates WHERE key_id <> ? ORDER BY id LIMIT ?",
                        keyId, limit)
                : select("SELECT " + COLUMNS + " FROM certificates.certificates WHERE key_id <> ? AND id > ?"
                        + " ORDER BY id LIMIT ?", keyId, afterId, limit);
    }

    /**
     * For {@link RewrapKeys}: stores the certificate's data key as {@code newKeyId} wrapped it, only if the row is still
     * on {@code oldKeyId}; how many rows it changed (0 when it is gone or was re-wrapped meanwhile).
     */
    int rewrap(UUID id, byte[] wrappedKey, String newKeyId, String oldKeyId) {
        return sql.run(connection -> Sql.update(connection, "UPDATE certificates.certificates SET wrapped_key = ?, key_id = ?"
                + " WHERE id = ? AND key_id = ?", wrappedKey, newKeyId, id, oldKeyId));
    }

    private List<Certificate> select(String select, Object... parameters) {
        return sql.run(connection -> Sql.list(connection, JdbcCertificateRepository::certificate, select, parameters));
    }

    private static Certificate certificate(ResultSet row) throws SQLException {
        return new Certificate(row.getObject("id", UUID.class), row.getObject("user_id", UUID.class), row.getString("body"),
                row.getBoolean("active"), new SealedKey(row.getBytes("key_ciphertext"), row.getBytes("key_nonce"),
                        row.getBytes("wrapped_key"), row.getString("key_id")),
                Sql.instant(row, "created_at"), Sql.instant(row, "updated_at"), row.getLong("version"));
    }
}

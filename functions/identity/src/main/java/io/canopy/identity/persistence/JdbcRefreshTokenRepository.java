package io.canopy.identity.persistence;

import io.canopy.identity.domain.RefreshToken;
import io.canopy.identity.domain.RefreshTokenRepository;
import io.canopy.shared.jdbc.Sql;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** {@link RefreshTokenRepository} on PostgreSQL ({@code identity.refresh_tokens}). */
@Singleton
class JdbcRefreshTokenRepository implements RefreshTokenRepository {

    private static final String COLUMNS = "token_hash, user_id, family_id, expires_at, used_at, created_at";

    private final Sql sql;

    JdbcRefreshTokenRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(RefreshToken token) {
        sql.run(connection -> Sql.update(connection, "INSERT INTO identity.refresh_tokens (" + COLUMNS + ")"
                        + " VALUES (?, ?, ?, ?, ?, ?)", token.tokenHash(), token.userId(), token.familyId(), token.expiresAt(),
                token.usedAt(), token.createdAt()));
    }

    @Override
    public Optional<RefreshToken> findByHash(String tokenHash) {
        return sql.run(connection -> Sql.list(connection, JdbcRefreshTokenRepository::token,
                "SELECT " + COLUMNS + " FROM identity.refresh_tokens WHERE token_hash = ?", tokenHash)).stream().findFirst();
    }

    @Override
    public boolean markUsed(String tokenHash, Instant usedAt) {
        // Compare-and-set: of two requests spending the same token, exactly one changes the row.
        return sql.run(connection -> Sql.update(connection, "UPDATE identity.refresh_tokens SET used_at = ?"
                + " WHERE token_hash = ? AND used_at IS NULL", usedAt, tokenHash)) == 1;
    }

    @Override
    public void deleteFamily(UUID familyId) {
        sql.run(connection -> Sql.update(connection, "DELETE FROM identity.refresh_tokens WHERE family_id = ?", familyId));
    }

    @Override
    public void deleteAllOfUser(UUID userId) {
        sql.run(connection -> Sql.update(connection, "DELETE FROM identity.refresh_tokens WHERE user_id = ?", userId));
    }

    @Override
    public void deleteExpiredOfUser(UUID userId, Instant now) {
        sql.run(connection -> Sql.update(connection, "DELETE FROM identity.refresh_tokens WHERE user_id = ? AND expires_at < ?",
                userId, now));
    }

    private static RefreshToken token(ResultSet row) throws SQLException {
        return new RefreshToken(row.getString("token_hash"), row.getObject("user_id", UUID.class),
                row.getObject("family_id", UUID.class), Sql.instant(row, "expires_at"), Sql.instant(row, "used_at"),
                Sql.instant(row, "created_at"));
    }
}

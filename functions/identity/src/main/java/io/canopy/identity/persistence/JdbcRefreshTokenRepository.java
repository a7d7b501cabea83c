package io.canopy.identity.persistence;

import io.canopy.identity.domain.RefreshToken;
import io.canopy.identity.domain.RefreshTokenRepository;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** {@link RefreshTokenRepository} on PostgreSQL ({@code identity.refresh_tokens}). */
@Singleton
class JdbcRefreshTokenRepository implements RefreshTokenRepository {

    private final RefreshTokenRows rows;

    JdbcRefreshTokenRepository(RefreshTokenRows rows) {
        this.rows = rows;
    }

    @Override
    public void insert(RefreshToken token) {
        rows.save(new RefreshTokenRow(token.tokenHash(), token.userId(), token.familyId(), token.expiresAt(),
                token.usedAt(), token.createdAt()));
    }

    @Override
    public Optional<RefreshToken> findByHash(String tokenHash) {
        return rows.findById(tokenHash).map(row -> new RefreshToken(row.tokenHash(), row.userId(), row.familyId(),
                row.expiresAt(), row.usedAt(), row.createdAt()));
    }

    @Override
    public boolean markUsed(String tokenHash, Instant usedAt) {
        return rows.markUsed(tokenHash, usedAt) == 1;
    }

    @Override
    public void deleteFamily(UUID familyId) {
        rows.deleteByFamilyId(familyId);
    }

    @Override
    public void deleteAllOfUser(UUID userId) {
        rows.deleteByUserId(userId);
    }

    @Override
    public void deleteExpiredOfUser(UUID userId, Instant now) {
        rows.deleteByUserIdAndExpiresAtLessThan(userId, now);
    }
}

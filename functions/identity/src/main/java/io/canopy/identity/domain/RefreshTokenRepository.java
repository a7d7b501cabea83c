package io.canopy.identity.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Port: stored refresh tokens (hashes only). */
public interface RefreshTokenRepository {

    void insert(RefreshToken token);

    Optional<RefreshToken> findByHash(String tokenHash);

    /** Sets {@code used_at} if it is still unset; false when another request used the token first. */
    boolean markUsed(String tokenHash, Instant usedAt);

    void deleteFamily(UUID familyId);

    void deleteAllOfUser(UUID userId);

    void deleteExpiredOfUser(UUID userId, Instant now);
}

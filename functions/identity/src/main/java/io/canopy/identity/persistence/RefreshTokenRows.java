package io.canopy.identity.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface RefreshTokenRows extends CrudRepository<RefreshTokenRow, String> {

    /** Compare-and-set: 1 when this call spent the token, 0 when it was already spent. */
    @Query("UPDATE identity.refresh_tokens SET used_at = :usedAt WHERE token_hash = :tokenHash AND used_at IS NULL")
    long markUsed(String tokenHash, Instant usedAt);

    void deleteByFamilyId(UUID familyId);

    void deleteByUserId(UUID userId);

    void deleteByUserIdAndExpiresAtLessThan(UUID userId, Instant now);
}

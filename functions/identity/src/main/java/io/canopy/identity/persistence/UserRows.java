package io.canopy.identity.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface UserRows extends CrudRepository<UserRow, UUID> {

    @Query("SELECT * FROM identity.users WHERE lower(email) = lower(:email)")
    Optional<UserRow> findByEmailIgnoringCase(String email);

    @Query("SELECT * FROM identity.users ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<UserRow> findNewest(int limit);

    @Query("SELECT * FROM identity.users WHERE (created_at, id) < (:createdAt, :id) ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<UserRow> findNewestAfter(Instant createdAt, UUID id, int limit);
}

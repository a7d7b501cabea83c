package io.canopy.identity.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface UserDeletionOutboxRows extends CrudRepository<UserDeletionOutboxRow, UUID> {

    List<UserDeletionOutboxRow> findTop25OrderByDeletedAt();
}

package io.canopy.identity.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface SignInFailureRows extends CrudRepository<SignInFailureRow, Long> {

    List<SignInFailureRow> findByEmailKeyAndFailedAtGreaterThanOrderByFailedAtDesc(String emailKey, Instant since);

    void deleteByEmailKey(String emailKey);

    void deleteByFailedAtLessThan(Instant before);
}

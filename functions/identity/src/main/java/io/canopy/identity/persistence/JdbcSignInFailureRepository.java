package io.canopy.identity.persistence;

import io.canopy.identity.domain.SignInFailureRepository;
import io.canopy.shared.jdbc.Sql;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/** {@link SignInFailureRepository} on PostgreSQL ({@code identity.sign_in_failures}). */
@Singleton
class JdbcSignInFailureRepository implements SignInFailureRepository {

    private final Sql sql;

    JdbcSignInFailureRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public List<Instant> failuresSince(String emailKey, Instant since) {
        return sql.run(connection -> Sql.list(connection, row -> Sql.instant(row, "failed_at"),
                "SELECT failed_at FROM identity.sign_in_failures WHERE email_key = ? AND failed_at > ?"
                        + " ORDER BY failed_at DESC", emailKey, since));
    }

    @Override
    public void record(String emailKey, Instant failedAt, Instant forgetBefore) {
        sql.run(connection -> {
            // Every key's old failures, not only this one's: an address tried once and never again must not stay
            // forever, and the throttle only ever looks inside the window.
            Sql.update(connection, "DELETE FROM identity.sign_in_failures WHERE failed_at < ?", forgetBefore);
            return Sql.update(connection, "INSERT INTO identity.sign_in_failures (email_key, failed_at) VALUES (?, ?)",
                    emailKey, failedAt);
        });
    }

    @Override
    public void clear(String emailKey) {
        sql.run(connection -> Sql.update(connection, "DELETE FROM identity.sign_in_failures WHERE email_key = ?", emailKey));
    }
}

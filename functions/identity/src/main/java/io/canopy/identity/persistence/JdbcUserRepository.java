package io.canopy.identity.persistence;

import io.canopy.identity.domain.EmailTakenException;
import io.canopy.identity.domain.User;
import io.canopy.identity.domain.UserRepository;
import io.canopy.shared.jdbc.Sql;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link UserRepository} on PostgreSQL ({@code identity.users}). */
@Singleton
class JdbcUserRepository implements UserRepository {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "id, email, password_hash, first_name, last_name, birth_date, roles, permissions,"
            + " created_at, updated_at, version";

    private final Sql sql;

    JdbcUserRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<User> findById(UUID id) {
        return one("SELECT " + COLUMNS + " FROM identity.users WHERE id = ?", id);
    }

    @Override
    public Optional<User> findByEmail(String email) {
        // lower(email) is what the unique index covers (V1), so this is an index lookup.
        return one("SELECT " + COLUMNS + " FROM identity.users WHERE lower(email) = lower(?)", email);
    }

    @Override
    public User insert(User user) {
        User stored = withVersion(user, 0);
        writeEmail(connection -> Sql.update(connection, "INSERT INTO identity.users (" + COLUMNS + ")"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", stored.id(), stored.email(), stored.passwordHash(),
                stored.firstName(), stored.lastName(), stored.birthDate(), Sql.textArray(connection, stored.roles()),
                Sql.textArray(connection, stored.permissions()), stored.createdAt(), stored.updatedAt(), stored.version()));
        return stored;
    }

    @Override
    public Optional<User> update(User user) {
        User next = withVersion(user, user.version() + 1);
        int changed = writeEmail(connection -> Sql.update(connection, "UPDATE identity.users SET email = ?, password_hash = ?,"
                        + " first_name = ?, last_name = ?, birth_date = ?, roles = ?, permissions = ?, updated_at = ?,"
                        + " version = ? WHERE id = ? AND version = ?", next.email(), next.passwordHash(), next.firstName(),
                next.lastName(), next.birthDate(), Sql.textArray(connection, next.roles()),
                Sql.textArray(connection, next.permissions()), next.updatedAt(), next.version(), next.id(), user.version()));
        return changed == 1 ? Optional.of(next) : Optional.empty();
    }

    @Override
    public void delete(UUID id) {
        sql.run(connection -> Sql.update(connection, "DELETE FROM identity.users WHERE id = ?", id));
    }

    @Override
    public List<User> listNewestFirst(int limit, @Nullable Instant afterCreatedAt, @Nullable UUID afterId) {
        StringBuilder select = new StringBuilder("SELECT " + COLUMNS + " FROM identity.users WHERE true");
        List<Object> parameters = new ArrayList<>();
        Sql.newestFirstPage(select, parameters, afterCreatedAt, afterId, limit);
        return sql.run(connection -> Sql.list(connection, JdbcUserRepository::user, select.toString(), parameters.toArray()));
    }

    private Optional<User> one(String select, Object parameter) {
        return sql.run(connection -> Sql.list(connection, JdbcUserRepository::user, select, parameter)).stream().findFirst();
    }

    /** A write that may meet the unique index on the email: {@link EmailTakenException} when it does. */
    private int writeEmail(Sql.Work<Integer> write) {
        return sql.run(connection -> {
            try {
                return write.on(connection);
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new EmailTakenException();
                }
                throw e;
            }
        });
    }

    private static User withVersion(User user, long version) {
        return new User(user.id(), user.email(), user.passwordHash(), user.firstName(), user.lastName(), user.birthDate(),
                user.roles(), user.permissions(), user.createdAt(), user.updatedAt(), version);
    }

    private static User user(ResultSet row) throws SQLException {
        return new User(row.getObject("id", UUID.class), row.getString("email"), row.getString("password_hash"),
                row.getString("first_name"), row.getString("last_name"), row.getObject("birth_date", LocalDate.class),
                Sql.texts(row, "roles"), Sql.texts(row, "permissions"), Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"), row.getLong("version"));
    }
}

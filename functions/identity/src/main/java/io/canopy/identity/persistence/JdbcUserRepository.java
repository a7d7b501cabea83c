package io.canopy.identity.persistence;

import io.canopy.identity.domain.EmailTakenException;
import io.canopy.identity.domain.User;
import io.canopy.identity.domain.UserRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.exceptions.OptimisticLockException;
import jakarta.inject.Singleton;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link UserRepository} on PostgreSQL ({@code identity.users}). */
@Singleton
class JdbcUserRepository implements UserRepository {

    private static final String UNIQUE_VIOLATION = "23505";

    private final UserRows rows;

    JdbcUserRepository(UserRows rows) {
        this.rows = rows;
    }

    @Override
    public Optional<User> findById(UUID id) {
        return rows.findById(id).map(JdbcUserRepository::toUser);
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return rows.findByEmailIgnoringCase(email).map(JdbcUserRepository::toUser);
    }

    @Override
    public User insert(User user) {
        try {
            return toUser(rows.save(toRow(user)));
        } catch (DataAccessException e) {
            throw translate(e);
        }
    }

    @Override
    public Optional<User> update(User user) {
        try {
            return Optional.of(toUser(rows.update(toRow(user))));
        } catch (OptimisticLockException e) {
            return Optional.empty();
        } catch (DataAccessException e) {
            throw translate(e);
        }
    }

    @Override
    public void delete(UUID id) {
        rows.deleteById(id);
    }

    @Override
    public List<User> listNewestFirst(int limit, @Nullable Instant afterCreatedAt, @Nullable UUID afterId) {
        List<UserRow> page = afterCreatedAt == null || afterId == null
                ? rows.findNewest(limit)
                : rows.findNewestAfter(afterCreatedAt, afterId, limit);
        return page.stream().map(JdbcUserRepository::toUser).toList();
    }

    private static RuntimeException translate(DataAccessException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return new EmailTakenException();
            }
        }
        return e;
    }

    static User toUser(UserRow row) {
        return new User(row.id(), row.email(), row.passwordHash(), row.firstName(), row.lastName(), row.birthDate(),
                List.of(row.roles()), List.of(row.permissions()), row.createdAt(), row.updatedAt(), row.version());
    }

    static UserRow toRow(User user) {
        return new UserRow(user.id(), user.email(), user.passwordHash(), user.firstName(), user.lastName(),
                user.birthDate(), user.roles().toArray(String[]::new), user.permissions().toArray(String[]::new),
                user.createdAt(), user.updatedAt(), user.version());
    }
}

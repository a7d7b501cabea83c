package io.canopy.shared.events;

import io.canopy.shared.error.ApiException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The PostgreSQL side of {@code io.canopy.shared.dynamodb.ErasedUsers}: a deleted user's still-valid access token must not create rows after
 * their erasure. Erasure inserts the user into {@code <schema>.erased_users} and deletes their rows in one
 * transaction; every create first checks that table in its own. Both take a transaction-scoped advisory lock on the
 * user — exclusive for erasure, shared for creates — so a create either commits before the erasure starts (and its
 * rows are deleted with the rest) or waits for it and then sees the tombstone. The check runs as a separate statement
 * after the lock, because under READ COMMITTED each statement sees what was committed when it started.
 */
public final class JdbcErasedUsers {

    private JdbcErasedUsers() {
    }

    /** In the erasure's transaction, before deleting the user's rows. Idempotent. */
    public static void mark(Connection connection, String schema, UUID userId) throws SQLException {
        lock(connection, "pg_advisory_xact_lock", userId);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + schema + ".erased_users (user_id) VALUES (?) ON CONFLICT (user_id) DO NOTHING")) {
            insert.setObject(1, userId);
            insert.executeUpdate();
        }
    }

    /** In a create's transaction, before its first insert: a 401 once the user is erased. */
    public static void checkNotErased(Connection connection, String schema, UUID userId) throws SQLException {
        lock(connection, "pg_advisory_xact_lock_shared", userId);
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM " + schema + ".erased_users WHERE user_id = ?")) {
            select.setObject(1, userId);
            try (ResultSet found = select.executeQuery()) {
                if (found.next()) {
                    throw ApiException.unauthorized(UserDataEraser.ERASED_DETAIL);
                }
            }
        }
    }

    private static void lock(Connection connection, String function, UUID userId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT " + function + "(?)")) {
            // Advisory locks are keyed by a bigint; a collision between two users only serialises them.
            lock.setLong(1, userId.getMostSignificantBits() ^ userId.getLeastSignificantBits());
            lock.executeQuery().close();
        }
    }
}

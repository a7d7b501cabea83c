package io.canopy.shared.jdbc;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Plain JDBC for a PostgreSQL group's repositories, on the connection of the current transaction
 * ({@code @Transactional}), or outside one on a pooled connection held for the call. Repositories written this way
 * skip Micronaut Data's repository machinery, about 700 classes at every cold start, and keep its transactions.
 * An {@link SQLException} leaves as an {@link UncheckedSqlException} with it as the cause, which is what shared's
 * error handling reads (a connection failure is a 503).
 */
@Singleton
@Requires(beans = ConnectionOperations.class)
public class Sql {

    /** Work on a connection; it must not close it. */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    /** Reads the current row of a result; it must not move the cursor. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** An {@link SQLException} from a repository. */
    public static final class UncheckedSqlException extends RuntimeException {
        UncheckedSqlException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final ConnectionOperations<Connection> connections;

    public Sql(ConnectionOperations<Connection> connections) {
        this.connections = connections;
    }

    /** A statement with its parameters bound in order; an {@link Instant} is bound as a timestamp. */
    public static PreparedStatement prepare(Connection connection, String statement, Object... parameters)
            throws SQLException {
        PreparedStatement prepared = connection.prepareStatement(statement);
        try {
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i];
                prepared.setObject(i + 1, value instanceof Instant instant ? Timestamp.from(instant) : value);
            }
            return prepared;
        } catch (SQLException e) {
            prepared.close();
            throw e;
        }
    }

    /** Runs an INSERT, UPDATE or DELETE; returns how many rows it changed. */
    public static int update(Connection connection, String statement, Object... parameters) throws SQLException {
        try (PreparedStatement prepared = prepare(connection, statement, parameters)) {
            return prepared.executeUpdate();
        }
    }

    /** Runs a SELECT and reads every row it returns, in order. */
    public static <T> List<T> list(Connection connection, RowReader<T> reader, String statement, Object... parameters)
            throws SQLException {
        List<T> found = new ArrayList<>();
        try (PreparedStatement prepared = prepare(connection, statement, parameters);
             ResultSet rows = prepared.executeQuery()) {
            while (rows.next()) {
                found.add(reader.read(rows));
            }
        }
        return found;
    }

    /**
     * Ends a SELECT whose WHERE clause is open with the keyset page of every list route: only rows strictly after
     * {@code (afterCreatedAt, afterId)} when both are given, newest first by {@code created_at} then {@code id}, at
     * most {@code limit}. The table needs an index on {@code (…, created_at DESC, id DESC)} for this to be a range scan.
     */
    public static void newestFirstPage(StringBuilder select, List<Object> parameters, @Nullable Instant afterCreatedAt,
                                       @Nullable UUID afterId, int limit) {
        if (afterCreatedAt != null && afterId != null) {
            select.append(" AND (created_at, id) < (?, ?)");
            parameters.add(afterCreatedAt);
            parameters.add(afterId);
        }
        select.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        parameters.add(limit);
    }

    /** A {@code timestamptz} column as an {@link Instant}; null when the column is null. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** A {@code text[]} column as a list, in its order. */
    public static List<String> texts(ResultSet row, String column) throws SQLException {
        return Arrays.asList((String[]) row.getArray(column).getArray());
    }

    /** A {@code text[]} parameter. */
    public static Array textArray(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }

    /** Runs the work on the current transaction's connection, or outside one on a pooled connection for the call. */
    public <T> T run(Work<T> work) {
        return connections.execute(ConnectionDefinition.DEFAULT, status -> {
            try {
                return work.on(status.getConnection());
            } catch (SQLException e) {
                throw new UncheckedSqlException(e);
            }
        });
    }
}

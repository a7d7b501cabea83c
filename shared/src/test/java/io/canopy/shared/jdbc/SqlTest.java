package io.canopy.shared.jdbc;

import io.canopy.testsupport.TestPostgres;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Against a real PostgreSQL, with Micronaut's JDBC transactions as the PostgreSQL groups use them. */
class SqlTest {

    private ApplicationContext context;
    private Sql sql;
    private TransactionOperations<Connection> transactions;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void start() {
        Map<String, Object> properties = new HashMap<>(TestPostgres.newDatabase());
        context = ApplicationContext.run(properties);
        sql = context.getBean(Sql.class);
        transactions = context.getBean(TransactionOperations.class);
        sql.run(connection -> Sql.update(connection, "CREATE TABLE notes (id int PRIMARY KEY, at timestamptz)"));
    }

    @AfterEach
    void stop() {
        context.close();
    }

    @Test
    void run_joinsTheCurrentTransaction_soItsWritesRollBackWithIt() {
        // WHEN two writes run inside a transaction that then fails
        assertThrows(IllegalStateException.class, () -> transactions.executeWrite(status -> {
            Connection first = sql.run(connection -> {
                Sql.update(connection, "INSERT INTO notes (id, at) VALUES (?, ?)", 1, Instant.parse("2026-12-06T10:00:00Z"));
                return connection;
            });
            sql.run(connection -> {
                assertSame(first, connection);
                return Sql.update(connection, "INSERT INTO notes (id) VALUES (?)", 2);
            });
            throw new IllegalStateException("the service failed after writing");
        }));

        // THEN neither write is there
        assertEquals(0, count());
    }

    @Test
    void run_outsideATransaction_commitsOnItsOwn_andBindsInstantsAsTimestamps() {
        sql.run(connection -> Sql.update(connection, "INSERT INTO notes (id, at) VALUES (?, ?)", 1,
                Instant.parse("2026-12-06T10:00:00Z")));

        assertEquals(1, count());
        assertEquals(Instant.parse("2026-12-06T10:00:00Z"), sql.run(connection -> {
            try (PreparedStatement statement = Sql.prepare(connection, "SELECT at FROM notes WHERE id = ?", 1);
                 ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getTimestamp(1).toInstant();
            }
        }));
    }

    @Test
    void list_readsEveryRowInOrder_andInstantKeepsANullColumnNull() {
        sql.run(connection -> Sql.update(connection, "INSERT INTO notes (id, at) VALUES (?, ?), (?, ?)",
                2, Instant.parse("2026-12-06T11:00:00Z"), 1, null));

        List<String> rows = sql.run(connection -> Sql.list(connection,
                row -> row.getInt("id") + "@" + Sql.instant(row, "at"), "SELECT id, at FROM notes ORDER BY id"));

        assertEquals(List.of("1@null", "2@2026-12-06T11:00:00Z"), rows);
    }

    @Test
    void newestFirstPage_ordersByCreatedAtThenId_andStartsStrictlyAfterTheKey() {
        sql.run(connection -> Sql.update(connection, "CREATE TABLE items (id uuid PRIMARY KEY, created_at timestamptz)"));
        Instant older = Instant.parse("2026-12-06T10:00:00Z");
        Instant newer = older.plusSeconds(60);
        UUID low = UUID.fromString("00000000-0000-0000-0000-000000000001");
        UUID high = UUID.fromString("ffffffff-0000-0000-0000-000000000001");
        UUID oldest = UUID.fromString("80000000-0000-0000-0000-000000000001");
        sql.run(connection -> Sql.update(connection, "INSERT INTO items VALUES (?, ?), (?, ?), (?, ?)",
                low, newer, high, newer, oldest, older));

        List<UUID> first = page(null, null, 2);
        List<UUID> rest = page(newer, first.get(1), 2);

        // The same created_at orders by id, as PostgreSQL compares uuids (byte by byte, so ffff… is the highest).
        assertEquals(List.of(high, low), first);
        assertEquals(List.of(oldest), rest);
    }

    private List<UUID> page(Instant afterCreatedAt, UUID afterId, int limit) {
        StringBuilder select = new StringBuilder("SELECT id FROM items WHERE true");
        List<Object> parameters = new ArrayList<>();
        Sql.newestFirstPage(select, parameters, afterCreatedAt, afterId, limit);
        return sql.run(connection -> Sql.list(connection, row -> row.getObject("id", UUID.class), select.toString(),
                parameters.toArray()));
    }

    @Test
    void run_turnsAnSqlExceptionIntoAnUncheckedOne_keepingItAsTheCause() {
        Sql.UncheckedSqlException failure = assertThrows(Sql.UncheckedSqlException.class,
                () -> sql.run(connection -> Sql.update(connection, "INSERT INTO notes (id) VALUES (?)", "not a number")));

        assertInstanceOf(SQLException.class, failure.getCause());
    }

    private long count() {
        return sql.run(connection -> {
            try (PreparedStatement statement = Sql.prepare(connection, "SELECT count(*) FROM notes");
                 ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        });
    }
}

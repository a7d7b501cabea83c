package io.canopy.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A real PostgreSQL (embedded binaries) shared by the tests of one JVM, started on first use and stopped
 * at JVM exit. Each caller gets its own fresh database, so test classes never see each other's rows.
 */
public final class TestPostgres {

    private static EmbeddedPostgres postgres;
    private static int databases;

    private TestPostgres() {
    }

    /** A new empty database; returns the settings a Micronaut datasource needs. */
    public static synchronized Map<String, String> newDatabase() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
                EmbeddedPostgres started = postgres;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting; the temp directory goes with it
                    }
                }));
            }
            String name = "test_" + (++databases) + "_" + ProcessHandle.current().pid();
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            }
            return Map.of(
                    "datasources.default.url", postgres.getJdbcUrl("postgres", name),
                    "datasources.default.username", "postgres",
                    "datasources.default.password", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

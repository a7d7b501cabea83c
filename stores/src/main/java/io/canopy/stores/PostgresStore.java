package io.canopy.stores;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * A real PostgreSQL server (zonky's embedded binaries) whose data directory survives restarts, holding the
 * {@code canopy} database every PostgreSQL function shares. Stop and start keep the data and the port, so fault
 * tests can take the database away and bring it back.
 */
public final class PostgresStore implements AutoCloseable {

    public static final String DATABASE = "canopy";
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    private static final Logger log = LoggerFactory.getLogger(PostgresStore.class);

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres postgres; // guarded by this

    private PostgresStore(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    public static PostgresStore start(Path dataDir) {
        PostgresStore store = new PostgresStore(dataDir, FreePort.find());
        store.start();
        return store;
    }

    public synchronized void start() {
        if (postgres != null) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            stopOrphanedServer();
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", "localhost")
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setRegisterShutdownHook(false)
                    .start();
            createDatabaseIfMissing();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dataDir, e);
        }
    }

    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("PostgreSQL did not stop cleanly: {}", e.getMessage());
        } finally {
            postgres = null;
        }
    }

    public synchronized boolean isRunning() {
        return postgres != null;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    @Override
    public void close() {
        stop();
    }

    private void createDatabaseIfMissing() {
        String adminUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(adminUrl, USER, PASSWORD);
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + DATABASE + " on port " + port, e);
        }
    }

    /**
     * A runtime that was killed with {@code kill -9} leaves its postmaster running on our data directory, and
     * the next start would fail on the lock. The directory is ours alone, so stopping that server is safe.
     */
    private void stopOrphanedServer() throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        Optional<ProcessHandle> orphan = Files.readAllLines(pidFile).stream().findFirst()
                .map(String::trim)
                .filter(line -> line.matches("\\d+"))
                .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                .filter(handle -> handle.info().command().map(cmd -> cmd.endsWith("postgres")).orElse(false));
        if (orphan.isPresent()) {
            log.warn("Stopping PostgreSQL (pid {}) left running by an earlier run", orphan.get().pid());
            orphan.get().destroy(); // SIGTERM: PostgreSQL's "smart" shutdown, data stays consistent
            orphan.get().onExit().orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }
}

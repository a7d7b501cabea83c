package io.canopy.stores;

import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntSupplier;

/**
 * AWS's DynamoDB Local as an HTTP server inside this JVM, on disk so tables survive restarts (or in memory, for
 * tests), with one shared database so every function sees the same tables whatever credentials and region it
 * signs with.
 *
 * <p>DynamoDB Local offers no bind address option: it listens on all interfaces. Functions reach it on 127.0.0.1.
 */
public final class DynamoDbStore implements AutoCloseable {

    private static final int BIND_ATTEMPTS = 3;

    private final Path dataDir; // null: in memory
    private final int port;
    private DynamoDBProxyServer server; // guarded by this

    private DynamoDbStore(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** On disk under {@code dataDir}: tables and items survive a stop and start, and the next run. */
    public static DynamoDbStore start(Path dataDir) {
        return startOnAFreePort(dataDir, FreePort::find);
    }

    /** In memory: everything is gone when it stops. */
    public static DynamoDbStore startInMemory() {
        return startOnAFreePort(null, FreePort::find);
    }

    /**
     * A port found free can still be taken before DynamoDB Local binds it (the end-to-end suites start stores and
     * function processes side by side): then another port is tried, a few times.
     */
    static DynamoDbStore startOnAFreePort(Path dataDir, IntSupplier freePorts) {
        for (int attempt = 1; ; attempt++) {
            DynamoDbStore store = new DynamoDbStore(dataDir, freePorts.getAsInt());
            try {
                store.start();
                return store;
            } catch (RuntimeException e) {
                if (attempt == BIND_ATTEMPTS || !isBindFailure(e)) {
                    throw e;
                }
            }
        }
    }

    private static void stopQuietly(DynamoDBProxyServer server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // Already failing to start: the start failure is the one to report.
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        Sqlite4javaNatives.install();
        try {
            String[] storage;
            if (dataDir == null) {
                storage = new String[] {"-inMemory"};
            } else {
                Files.createDirectories(dataDir);
                storage = new String[] {"-dbPath", dataDir.toString()};
            }
            String[] common = {"-port", Integer.toString(port), "-sharedDb", "-disableTelemetry"};
            String[] args = new String[common.length + storage.length];
            System.arraycopy(common, 0, args, 0, common.length);
            System.arraycopy(storage, 0, args, common.length, storage.length);
            DynamoDBProxyServer created = ServerRunner.createServerFromCommandLineArgs(args);
            try {
                created.start();
            } catch (Exception e) {
                stopQuietly(created); // a failed bind can leave Jetty's threads running
                throw e;
            }
            server = created;
        } catch (IOException e) {
            if (isBindFailure(e)) {
                throw new IllegalStateException("DynamoDB Local could not listen on port " + port, e);
            }
            throw new UncheckedIOException("DynamoDB Local cannot use " + dataDir, e);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
        }
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        } finally {
            server = null;
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        stop();
    }
}

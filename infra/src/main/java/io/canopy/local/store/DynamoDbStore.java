package io.canopy.local.store;

import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * AWS's DynamoDB Local as an HTTP server inside this JVM, on disk so tables survive restarts, with one shared
 * database so every function sees the same tables whatever credentials and region it signs with.
 *
 * <p>DynamoDB Local offers no bind address option: it listens on all interfaces. Functions reach it on 127.0.0.1.
 */
public final class DynamoDbStore implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private DynamoDBProxyServer server; // guarded by this

    private DynamoDbStore(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /**
     * @param nativeLibraries the directory holding sqlite4java's native library for this platform
     */
    public static DynamoDbStore start(Path dataDir, Path nativeLibraries) {
        // sqlite4java reads this once, when DynamoDB Local opens its first database.
        System.setProperty("sqlite4java.library.path", nativeLibraries.toString());
        DynamoDbStore store = new DynamoDbStore(dataDir, FreePort.find());
        store.start();
        return store;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            DynamoDBProxyServer created = ServerRunner.createServerFromCommandLineArgs(new String[] {
                    "-port", Integer.toString(port),
                    "-dbPath", dataDir.toString(),
                    "-sharedDb",
                    "-disableTelemetry"});
            created.start();
            server = created;
        } catch (IOException e) {
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

package io.canopy.stores;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks a free port for a store that cannot bind to port 0 itself. The port comes from below Linux's ephemeral range
 * (32768–60999 by default): otherwise an outgoing connection of the busy end-to-end suites could take it between this
 * check and the store's bind, or while a store is stopped and started again on it (StoreFaultsIT), and the store's
 * bind would fail. Random, so two stores starting at once rarely try the same port; checked on the wildcard address,
 * which is what DynamoDB Local binds.
 */
public final class FreePort {

    static final int FIRST = 20_000;
    static final int LAST = 32_000;
    private static final int ATTEMPTS = 200;

    private FreePort() {
    }

    public static int find() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST);
            if (isFree(port)) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("No free port in " + FIRST + ".." + LAST + " after " + ATTEMPTS + " tries"));
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}

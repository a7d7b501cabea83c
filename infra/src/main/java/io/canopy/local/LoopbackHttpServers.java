package io.canopy.local;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Every HTTP server of the local runtime (gateway, Runtime API, event bus) is made here, with TCP_NODELAY on. The
 * JDK's server writes a response's headers and body separately; without TCP_NODELAY the second write waits for the
 * peer's delayed ACK, which added ~40 ms to every Runtime API exchange and every gateway response. The JDK reads the
 * property once, when its first server is made, so it is set before that.
 */
public final class LoopbackHttpServers {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private LoopbackHttpServers() {
    }

    public static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
        return HttpServer.create(address, backlog);
    }
}

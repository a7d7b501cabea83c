package io.canopy.testsupport;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A real HTTP server on loopback that publishes {@link TestTokens#jwksJson()} at /.well-known/jwks.json,
 * so functions under test fetch keys over HTTP exactly as they do from identity. One per test JVM.
 */
public final class JwksServer {

    private static volatile String url;

    /** The property that points a function's token validation at this server (what CANOPY_JWKS_URL does live). */
    public static final String JWKS_URL_PROPERTY = "canopy.jwks-url";

    private JwksServer() {
    }

    public static synchronized String url() {
        if (url == null) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                byte[] body = TestTokens.jwksJson().getBytes(StandardCharsets.UTF_8);
                server.createContext("/.well-known/jwks.json", exchange -> {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
                server.start();
                url = "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return url;
    }
}

package io.canopy.shared.http;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a real HTTP server on loopback. */
class PlainHttpTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpServer server = start();

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void get_sendsTheHeaders_andReturnsStatusAndBody() throws IOException {
        PlainHttp.Answer answer = PlainHttp.get(uri("/echo"), Map.of("X-Token", "abc"), Duration.ofSeconds(5), 1024);

        assertEquals(200, answer.status());
        assertEquals("token=abc", new String(answer.body(), StandardCharsets.UTF_8));
    }

    @Test
    void get_returnsAnErrorStatusWithItsBody() throws IOException {
        PlainHttp.Answer answer = PlainHttp.get(uri("/missing"), Map.of(), Duration.ofSeconds(5), 1024);

        assertEquals(404, answer.status());
        assertEquals("no such thing", new String(answer.body(), StandardCharsets.UTF_8));
    }

    @Test
    void get_refusesABodyOverTheLimit_ratherThanTruncatingIt() {
        IOException refused = assertThrows(IOException.class,
                () -> PlainHttp.get(uri("/big"), Map.of(), Duration.ofSeconds(5), 10_000));
        assertTrue(refused.getMessage().contains("longer than 10000 bytes"), refused.getMessage());
    }

    @Test
    void post_sendsTheBody_andReturnsTheAnswersHeaders() throws IOException {
        PlainHttp.Answer answer = PlainHttp.post(uri("/echo-body"), Map.of("Content-Type", "application/json"),
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(2), Duration.ofSeconds(5), 1024);

        assertEquals(201, answer.status());
        assertEquals("application/json {\"a\":1}", new String(answer.body(), StandardCharsets.UTF_8));
        assertEquals("7", answer.header("retry-after").orElseThrow());
    }

    @Test
    void post_withoutABody_sendsAnEmptyOne() throws IOException {
        PlainHttp.Answer answer = PlainHttp.post(uri("/echo-body"), Map.of("Content-Type", "application/json"), null,
                Duration.ofSeconds(2), Duration.ofSeconds(5), 1024);

        assertEquals(201, answer.status());
        assertEquals("application/json ", new String(answer.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aRefusedConnection_isAConnectFailure() throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        assertThrows(PlainHttp.ConnectFailure.class, () -> PlainHttp.post(URI.create("http://127.0.0.1:" + closedPort + "/"),
                Map.of(), null, Duration.ofSeconds(2), Duration.ofSeconds(2), 1024));
    }

    @Test
    void get_givesUpOnAServerThatDoesNotAnswer() {
        long start = System.nanoTime();
        assertThrows(SocketTimeoutException.class, () -> PlainHttp.get(uri("/stuck"), Map.of(), Duration.ofMillis(300), 1024));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private HttpServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            http.createContext("/echo", exchange -> answer(exchange, 200, "token=" + exchange.getRequestHeaders().getFirst("X-Token")));
            http.createContext("/echo-body", exchange -> {
                exchange.getResponseHeaders().add("Retry-After", "7");
                answer(exchange, 201, exchange.getRequestHeaders().getFirst("Content-Type") + " "
                        + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            });
            http.createContext("/missing", exchange -> answer(exchange, 404, "no such thing"));
            http.createContext("/big", exchange -> answer(exchange, 200, "x".repeat(50_000)));
            http.createContext("/stuck", exchange -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

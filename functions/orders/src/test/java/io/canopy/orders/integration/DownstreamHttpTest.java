package io.canopy.orders.integration;

import io.canopy.orders.domain.DownstreamFailure;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Against a plain socket server that can drop a kept-alive connection the way the other side does while a Lambda
 * environment is frozen: the next request on it is read, then the connection closes without an answer.
 */
class DownstreamHttpTest {

    private static final String ANSWER = "{\"id\":\"6f1c1f4e-0d7c-4c39-9d7e-5d6f0a9b1c2d\"}";

    private ServerSocket server;
    private Thread serving;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private DownstreamHttp http;
    private URI payments;

    /** How the server treats the n-th request (from 1) on the n-th connection (from 1). */
    interface Behaviour {
        boolean answers(int connection, int requestOnConnection);
    }

    @BeforeEach
    void client() {
        http = new DownstreamHttp(new DownstreamSettings(URI.create("http://127.0.0.1:1"), URI.create("http://127.0.0.1:1"),
                Duration.ofSeconds(2)), JsonMapper.createDefault());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        serving.join(2_000);
    }

    @Test
    void post_triesOnceMoreOnANewConnection_whenAKeptAliveConnectionClosesWithoutAnAnswer() {
        // GIVEN a payments service that answered once and then dropped that connection
        serve((connection, request) -> !(connection == 1 && request == 2));
        assertEquals(201, http.post("payments", payments, Map.of("order_id", "o-1"), "Bearer t").status());

        // WHEN orders posts again, on the kept-alive connection
        DownstreamHttp.Answer answer = http.post("payments", payments, Map.of("order_id", "o-1"), "Bearer t");

        // THEN the call succeeds on a second connection, with the request sent twice (payments is idempotent per order)
        assertEquals(201, answer.status());
        assertEquals(2, connections.get());
        assertEquals(3, requests.get());
    }

    @Test
    void post_is502_whenTheNewConnectionBreaksToo() {
        // GIVEN a payments service that never answers: every connection closes once the request is read
        serve((connection, request) -> false);

        // WHEN orders posts
        DownstreamFailure failure = assertThrows(DownstreamFailure.class,
                () -> http.post("payments", payments, Map.of("order_id", "o-1"), "Bearer t"));

        // THEN it gave up after the one retry, with a 502
        assertEquals(502, failure.status().getCode());
        assertEquals(2, requests.get());
    }

    private void serve(Behaviour behaviour) {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        payments = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/payments");
        serving = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    int connection = connections.incrementAndGet();
                    for (int request = 1; readRequest(socket.getInputStream()); request++) {
                        requests.incrementAndGet();
                        if (!behaviour.answers(connection, request)) {
                            break;
                        }
                        byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
                        OutputStream out = socket.getOutputStream();
                        out.write(("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body);
                        out.flush();
                    }
                } catch (IOException e) {
                    // the server socket closed at the end of the test, or the client hung up
                }
            }
        });
        serving.start();
    }

    /** Reads one request (headers, then Content-Length bytes); false at the end of the stream. */
    private static boolean readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next == -1) {
                return false;
            }
            head.write(next);
        }
        int length = 0;
        for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return in.readNBytes(length).length == length;
    }
}

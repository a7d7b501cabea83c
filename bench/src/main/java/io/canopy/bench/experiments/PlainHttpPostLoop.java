package io.canopy.bench.experiments;

import com.sun.net.httpserver.HttpServer;
import io.canopy.shared.http.PlainHttp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * What one {@code PlainHttp.post} costs on a kept-alive loopback connection, as orders pays it for each call to
 * payments or the kitchen: one JVM serves a small JSON answer with the JDK's HTTP server and posts to it
 * sequentially, then prints the median and p90 of 3,000 calls after 500 unmeasured ones. Run it over an artifact that
 * holds {@code PlainHttp}, with Lambda's JIT flags, e.g.
 * <pre>
 * java -Dsun.net.httpserver.nodelay=true -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
 *   -cp functions/orders/target/canopy-orders-function-0.1.0-SNAPSHOT-lambda.jar:bench/target/classes \
 *   io.canopy.bench.experiments.PlainHttpPostLoop
 * </pre>
 * {@code nodelay}: without it the JDK's server waits for the client's delayed ACK, about 40 ms per answer.
 */
public final class PlainHttpPostLoop {

    private static final int WARM_UP = 500;
    private static final int MEASURED = 3_000;

    private PlainHttpPostLoop() {
    }

    public static void main(String[] args) throws IOException {
        byte[] answer = "{\"id\":\"6f1c1f4e-0d7c-4c39-9d7e-5d6f0a9b1c2d\"}".getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/payments", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try {
            URI payments = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/payments");
            byte[] body = "{\"order_id\":\"o-1\"}".getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = Map.of("Content-Type", "application/json", "Authorization", "Bearer t");
            long[] nanos = new long[MEASURED];
            for (int call = 0; call < WARM_UP + MEASURED; call++) {
                long start = System.nanoTime();
                int status = PlainHttp.post(payments, headers, body, Duration.ofSeconds(2), Duration.ofSeconds(2), 1 << 20)
                        .status();
                if (status != 201) {
                    throw new IllegalStateException("answered " + status + ", not 201");
                }
                if (call >= WARM_UP) {
                    nanos[call - WARM_UP] = System.nanoTime() - start;
                }
            }
            Arrays.sort(nanos);
            System.out.printf("PlainHttp.post: median %.3f ms, p90 %.3f ms over %d calls%n",
                    nanos[MEASURED / 2] / 1e6, nanos[MEASURED * 9 / 10] / 1e6, MEASURED);
        } finally {
            server.stop(0);
        }
    }
}

package io.canopy.local.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.canopy.local.LoopbackHttpServers;
import io.canopy.local.lambda.InvocationResult;
import io.canopy.local.lambda.RuntimeApiServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP API emulation: routes from the functions' OpenAPI, the JWT authorizer on protected routes, payload 2.0
 * events to the function, its response mapped back. It also serves {@code /openapi.yaml} and {@code /docs}.
 */
public final class GatewayServer implements AutoCloseable {

    /** API Gateway's own limit for a request payload (HTTP APIs accept up to 10 MB). */
    static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;
    private static final long DRAIN_LIMIT_BYTES = 64L * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private volatile Handler handler;

    private GatewayServer(HttpServer server, ThreadPoolExecutor executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds the port at once, so a port clash is reported before anything slow starts; requests are served
     * after {@link #start}.
     *
     * @throws PortInUseException if the port is taken
     */
    public static GatewayServer bind(InetSocketAddress address) throws IOException {
        HttpServer server;
        try {
            server = LoopbackHttpServers.create(address, 64);
        } catch (BindException e) {
            throw new PortInUseException(address.getPort());
        }
        // Each request holds a thread while its function runs; invocations of one function queue behind each
        // other, so 32 threads cover a browser plus parallel tests, and the bounded queue caps memory.
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(32, 32, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256),
                runnable -> {
                    Thread thread = new Thread(runnable, "gateway-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        server.setExecutor(executor);
        return new GatewayServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void start(RouteTable routes, byte[] openApiYaml, JwtAuthorizer authorizer, PayloadV2Events events,
                      FunctionInvoker functions) {
        handler = new Handler(routes, openApiYaml, authorizer, events, functions, new SwaggerUi());
        server.createContext("/", exchange -> handler.handle(exchange));
        server.start();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** The port is taken; the message says which and how to choose another. */
    public static final class PortInUseException extends IOException {
        public PortInUseException(int port) {
            super("Port " + port + " is already in use. Stop whatever listens there, or start on another port "
                    + "with --port <n> or CANOPY_PORT=<n> (make run PORT=<n>).");
        }
    }

    private record Handler(RouteTable routes, byte[] openApiYaml, JwtAuthorizer authorizer, PayloadV2Events events,
                           FunctionInvoker functions, SwaggerUi swaggerUi) {

        void handle(HttpExchange exchange) throws IOException {
            long start = System.nanoTime();
            String requestId = requestId();
            String target = "";
            GatewayResponse response;
            try (exchange) {
                try {
                    String method = exchange.getRequestMethod();
                    String path = exchange.getRequestURI().getRawPath();
                    Optional<GatewayResponse> own = ownEndpoint(method, path);
                    if (own.isPresent()) {
                        response = own.get();
                    } else {
                        Optional<RouteMatch> route = routes.match(method, path);
                        target = route.map(RouteMatch::function).orElse("");
                        response = route.isEmpty() ? GatewayResponse.NOT_FOUND : forward(exchange, route.get(), requestId);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    response = GatewayResponse.UNAVAILABLE;
                } catch (RuntimeException e) {
                    log.error("Gateway failure on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                    response = GatewayResponse.INTERNAL_ERROR;
                }
                send(exchange, response, requestId);
            }
            log.info("{} {} -> {}{} ({} ms)", exchange.getRequestMethod(), exchange.getRequestURI(), response.status(),
                    target.isEmpty() ? "" : " " + target, (System.nanoTime() - start) / 1_000_000);
        }

        private Optional<GatewayResponse> ownEndpoint(String method, String path) throws IOException {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                return Optional.empty();
            }
            if (path.equals("/openapi.yaml")) {
                return Optional.of(new GatewayResponse(200, List.of(Map.entry("content-type", "application/yaml")), openApiYaml));
            }
            if (path.equals("/docs")) {
                return Optional.of(new GatewayResponse(302, List.of(Map.entry("location", "/docs/")), new byte[0]));
            }
            if (path.startsWith("/docs/")) {
                return Optional.of(swaggerUi.serve(path.substring("/docs/".length())).orElse(GatewayResponse.NOT_FOUND));
            }
            return Optional.empty();
        }

        private GatewayResponse forward(HttpExchange exchange, RouteMatch route, String requestId)
                throws IOException, InterruptedException {
            ObjectNode claims = null;
            if (route.authorize()) {
                Optional<ObjectNode> verified = authorizer.authorize(exchange.getRequestHeaders().getFirst("Authorization"));
                if (verified.isEmpty()) {
                    return GatewayResponse.UNAUTHORIZED;
                }
                claims = verified.get();
            }
            String length = exchange.getRequestHeaders().getFirst("Content-Length");
            if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > MAX_REQUEST_BYTES) {
                drain(exchange);
                return GatewayResponse.TOO_LARGE;
            }
            byte[] body = exchange.getRequestBody().readNBytes(MAX_REQUEST_BYTES + 1);
            if (body.length > MAX_REQUEST_BYTES) {
                drain(exchange);
                return GatewayResponse.TOO_LARGE;
            }
            GatewayRequest request = new GatewayRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""),
                    withForwardingHeaders(exchange), body,
                    exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getProtocol());
            byte[] event = PayloadV2Events.JSON.writeValueAsBytes(events.build(request, route, claims, requestId, Instant.now()));
            if (event.length > RuntimeApiServer.MAX_PAYLOAD_BYTES) {
                // Lambda rejects the invocation; API Gateway reports it as too large.
                return GatewayResponse.TOO_LARGE;
            }
            InvocationResult result = functions.invoke(route.function(), event);
            if (result instanceof InvocationResult.Success success) {
                return PayloadV2Responses.map(success.payload());
            }
            return result instanceof InvocationResult.Timeout ? GatewayResponse.UNAVAILABLE : GatewayResponse.INTERNAL_ERROR;
        }

        /** API Gateway adds these; Micronaut uses them to build absolute URLs such as {@code Location}. */
        private static Map<String, List<String>> withForwardingHeaders(HttpExchange exchange) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            String client = exchange.getRemoteAddress().getAddress().getHostAddress();
            headers.merge("x-forwarded-for", List.of(client), (old, added) -> List.of(String.join(",", old) + ", " + client));
            headers.put("x-forwarded-proto", List.of("http"));
            headers.put("x-forwarded-port", List.of(Integer.toString(exchange.getLocalAddress().getPort())));
            headers.putIfAbsent("x-amzn-trace-id", List.of("Root=1-" + Long.toHexString(Instant.now().getEpochSecond())
                    + "-" + HexFormat.of().formatHex(randomBytes(12))));
            return headers;
        }

        private static void send(HttpExchange exchange, GatewayResponse response, String requestId) throws IOException {
            var headers = exchange.getResponseHeaders();
            for (Map.Entry<String, String> header : response.headers()) {
                headers.add(header.getKey(), header.getValue());
            }
            headers.set("apigw-requestid", requestId);
            boolean noBody = response.body().length == 0 || exchange.getRequestMethod().equals("HEAD")
                    || response.status() == 204 || response.status() == 304;
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    /** API Gateway request ids look like {@code JKJaXmPLvHcESHA=}: 10 random bytes, base64. */
    private static String requestId() {
        return Base64.getEncoder().encodeToString(randomBytes(10));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * Reads and discards what is left of an oversized body (up to a bound), so the client, still sending, gets
     * the 413 instead of a reset connection.
     */
    private static void drain(HttpExchange exchange) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = DRAIN_LIMIT_BYTES;
        for (int read; left > 0 && (read = exchange.getRequestBody().read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) {
            left -= read;
        }
    }
}

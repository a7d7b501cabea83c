package io.canopy.local.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.canopy.local.LoopbackHttpServers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local implementation of the Lambda Runtime API for ONE execution environment: the function process polls
 * {@code /next}, answers on {@code /response} or {@code /error}, or reports {@code /init/error}.
 *
 * <p>One server per environment (a fresh one for every process start) keeps generations apart: when a process is
 * killed, its server closes and a poll that is still parked can never steal the next environment's events. The
 * class knows nothing about HTTP APIs or gateways, so the cold-start benchmark can drive it with any event.
 */
public final class RuntimeApiServer implements AutoCloseable {

    /** Lambda's limit for synchronous invocation payloads, request and response alike. */
    public static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

    private static final String PREFIX = "/2018-06-01/runtime";
    private static final Pattern INVOCATION_PATH = Pattern.compile(PREFIX + "/invocation/([^/]+)/(response|error)");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] ACCEPTED = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor;
    private final String functionArn;
    private final BlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstPoll = new CompletableFuture<>();
    private volatile InvocationResult.InitError initError;

    private RuntimeApiServer(HttpServer server, ExecutorService executor, String functionArn) {
        this.server = server;
        this.executor = executor;
        this.functionArn = functionArn;
    }

    /**
     * Starts a server on a free loopback port.
     *
     * @param functionArn sent as {@code Lambda-Runtime-Invoked-Function-Arn}
     */
    public static RuntimeApiServer start(String functionArn) throws IOException {
        HttpServer server = LoopbackHttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // One thread parks in /next while another takes /response; two spares cover a runtime that opens a new
        // connection per call. A single environment never needs more.
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "runtime-api-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        RuntimeApiServer api = new RuntimeApiServer(server, executor, functionArn);
        server.createContext(PREFIX + "/", api::handle);
        server.start();
        return api;
    }

    /** The value for {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Completes with {@link System#nanoTime()} of the first {@code /next}: the end of the init phase. */
    public CompletableFuture<Long> firstPoll() {
        return firstPoll;
    }

    /** Queues an event; the runtime receives it on its next poll. */
    public Invocation submit(byte[] event, Duration timeout) {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), event, timeout);
        InvocationResult.InitError failedInit = initError;
        if (failedInit != null) {
            invocation.complete(failedInit);
        } else {
            queue.add(invocation);
        }
        return invocation;
    }

    /** Ends every pending invocation with {@code reason}, e.g. when the process died. */
    public void failPending(InvocationResult reason) {
        for (Invocation invocation; (invocation = queue.poll()) != null; ) {
            invocation.complete(reason);
        }
        inFlight.values().forEach(invocation -> invocation.complete(reason));
        inFlight.clear();
        firstPoll.completeExceptionally(new IllegalStateException("environment ended before init finished"));
    }

    @Override
    public void close() {
        failPending(new InvocationResult.Crashed("execution environment shut down"));
        // Interrupts the poll parked in /next; nothing else can be running for longer than a request body read.
        executor.shutdownNow();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals(PREFIX + "/invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.equals(PREFIX + "/init/error")) {
                initError(exchange);
            } else if (method.equals("POST")) {
                Matcher matcher = INVOCATION_PATH.matcher(path);
                if (matcher.matches()) {
                    answer(exchange, matcher.group(1), matcher.group(2).equals("response"));
                } else {
                    send(exchange, 404, error("InvalidRequest", "Unknown Runtime API path " + path));
                }
            } else {
                send(exchange, 405, error("InvalidRequest", "Method not allowed"));
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstPoll.complete(System.nanoTime());
        Invocation invocation;
        try {
            do {
                invocation = queue.take();
                // Skip events whose caller already gave up (timed out while queued).
            } while (invocation.result().isDone());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // closing: the connection drops and the runtime's poll fails, as when Lambda freezes for good
        }
        long now = System.currentTimeMillis();
        inFlight.put(invocation.requestId(), invocation);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(now + invocation.timeout().toMillis()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", traceId(now));
        invocation.delivered().complete(System.nanoTime());
        byte[] event = invocation.event();
        exchange.sendResponseHeaders(200, event.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(event);
        }
    }

    private void answer(HttpExchange exchange, String requestId, boolean success) throws IOException {
        Invocation invocation = inFlight.remove(requestId);
        if (invocation == null) {
            send(exchange, 400, error("InvalidRequestID", "Invalid request ID"));
            return;
        }
        byte[] body = readAtMost(exchange.getRequestBody(), MAX_PAYLOAD_BYTES);
        InvocationResult outcome;
        if (body == null) {
            send(exchange, 413, error("RequestEntityTooLarge", "Payload too large"));
            outcome = new InvocationResult.FunctionError("Function.ResponseSizeTooLarge",
                    error("Function.ResponseSizeTooLarge", "Response payload size exceeded maximum allowed payload size (6291556 bytes)."));
        } else {
            send(exchange, 202, ACCEPTED);
            String errorType = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
            outcome = success ? new InvocationResult.Success(body)
                    : new InvocationResult.FunctionError(errorType == null ? "Unhandled" : errorType, body);
        }
        // Answer the runtime first: completing may make the caller close this server, cutting the reply short.
        invocation.complete(outcome);
    }

    private void initError(HttpExchange exchange) throws IOException {
        byte[] body = readAtMost(exchange.getRequestBody(), MAX_PAYLOAD_BYTES);
        String errorType = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        InvocationResult.InitError failure = new InvocationResult.InitError(
                errorType == null ? "Runtime.Unknown" : errorType, body == null ? new byte[0] : body);
        initError = failure;
        send(exchange, 202, ACCEPTED);
        failPending(failure);
    }

    /** Reads the body, or returns null if it is longer than {@code limit}. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] body = in.readNBytes(limit + 1);
        return body.length > limit ? null : body;
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] error(String type, String message) {
        return ("{\"errorMessage\":\"" + message + "\",\"errorType\":\"" + type + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** An X-Ray shaped trace id, so code that parses {@code _X_AMZN_TRACE_ID} sees what it would on Lambda. */
    private static String traceId(long nowMillis) {
        byte[] random = new byte[12];
        byte[] parent = new byte[8];
        RANDOM.nextBytes(random);
        RANDOM.nextBytes(parent);
        HexFormat hex = HexFormat.of();
        return "Root=1-" + Long.toHexString(TimeUnit.MILLISECONDS.toSeconds(nowMillis)) + "-" + hex.formatHex(random)
                + ";Parent=" + hex.formatHex(parent) + ";Sampled=0";
    }
}

package io.canopy.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for Secrets Manager's {@code GetSecretValue} (JSON 1.1 protocol). It answers only a request
 * whose SigV4 signature the SDK's own signer reproduces for the fixed local credentials the functions use with an
 * emulator, over the headers the request named as signed; anything else gets the error Secrets Manager would send.
 */
public final class FakeSecretsManager implements AutoCloseable {

    /** The property (env {@code CANOPY_SECRETS_MANAGER_ENDPOINT}) that points a function at this server. */
    public static final String ENDPOINT_PROPERTY = "canopy.secrets-manager.endpoint";
    private static final AwsCredentialsIdentity LOCAL_CREDENTIALS = AwsCredentialsIdentity.create("canopylocal", "canopylocal");
    private static final Pattern SECRET_ID = Pattern.compile("^\\{\"SecretId\":\"((?:[^\"\\\\]|\\\\.)*)\"}$");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Deque<Integer> failures = new ArrayDeque<>();
    /** Every request's secret id (or what was wrong with it), in order. */
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public FakeSecretsManager() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public FakeSecretsManager put(String secretId, String secretString) {
        secrets.put(secretId, "\"SecretString\":\"" + escape(secretString) + "\"");
        return this;
    }

    /** A binary secret: its answer has {@code SecretBinary}, no {@code SecretString}. */
    public FakeSecretsManager putBinary(String secretId, byte[] value) {
        secrets.put(secretId, "\"SecretBinary\":\"" + Base64.getEncoder().encodeToString(value) + "\"");
        return this;
    }

    /** The next calls answer these statuses (500: InternalServiceError, 400: ThrottlingException) before any secret. */
    public synchronized FakeSecretsManager failNext(Integer... statuses) {
        failures.addAll(List.of(statuses));
        return this;
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (!"POST".equals(exchange.getRequestMethod())
                || !"secretsmanager.GetSecretValue".equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))
                || !"application/x-amz-json-1.1".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            requests.add("unknown operation");
            answer(exchange, 400, error("UnknownOperationException", "not a GetSecretValue call"));
            return;
        }
        if (!signatureMatches(exchange, body)) {
            requests.add("bad signature");
            answer(exchange, 400, error("InvalidSignatureException", "The request signature we calculated does not match"));
            return;
        }
        Matcher id = SECRET_ID.matcher(new String(body, StandardCharsets.UTF_8));
        String secretId = id.matches() ? id.group(1).replace("\\/", "/").replace("\\\"", "\"") : null;
        requests.add(String.valueOf(secretId));
        Integer failure;
        synchronized (this) {
            failure = failures.poll();
        }
        if (failure != null) {
            answer(exchange, failure, error(failure >= 500 ? "InternalServiceError" : "ThrottlingException", "try again"));
        } else if (secretId == null || !secrets.containsKey(secretId)) {
            answer(exchange, 400, error("ResourceNotFoundException", "Secrets Manager can't find the specified secret."));
        } else {
            answer(exchange, 200, "{\"ARN\":\"arn:aws:secretsmanager:us-east-1:000000000000:secret:" + escape(secretId)
                    + "\",\"Name\":\"" + escape(secretId) + "\"," + secrets.get(secretId)
                    + ",\"VersionId\":\"v1\",\"VersionStages\":[\"AWSCURRENT\"]}");
        }
    }

    /** Signs the same request again, at the time it carries, over the headers it says it signed; compares. */
    private static boolean signatureMatches(HttpExchange exchange, byte[] body) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String amzDate = exchange.getRequestHeaders().getFirst("X-Amz-Date");
        if (authorization == null || amzDate == null || !authorization.contains("SignedHeaders=")) {
            return false;
        }
        String signedHeaders = authorization.replaceAll(".*SignedHeaders=([^,]+),.*", "$1");
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("http://" + exchange.getRequestHeaders().getFirst("Host") + exchange.getRequestURI()));
        for (String name : signedHeaders.split(";")) {
            if (!name.equals("host") && !name.equals("x-amz-date")) {
                String value = exchange.getRequestHeaders().getFirst(name);
                if (value == null) {
                    return false;
                }
                request.putHeader(name, value);
            }
        }
        Clock at = Clock.fixed(ZonedDateTime.parse(amzDate, AMZ_DATE).toInstant(), ZoneOffset.UTC);
        String expected = AwsV4HttpSigner.create().sign(sign -> sign
                        .identity(LOCAL_CREDENTIALS)
                        .request(request.build())
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "secretsmanager")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, authorization.replaceAll(".*Credential=[^/]+/[^/]+/([^/]+)/.*", "$1"))
                        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, at))
                .request().firstMatchingHeader("Authorization").orElse("");
        return expected.equals(authorization);
    }

    private static String error(String type, String message) {
        return "{\"__type\":\"com.amazonaws.secretsmanager#" + type + "\",\"Message\":\"" + message + "\"}";
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

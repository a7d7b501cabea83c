package io.canopy.certificates.crypto;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for AWS KMS at the HTTP boundary: the AWS SDK's real {@code KmsClient} talks to it over its JSON 1.1
 * protocol ({@code X-Amz-Target: TrentService.Encrypt|Decrypt|DescribeKey}). Keys are AES-256 keys in memory,
 * each with an ARN and an alias; a ciphertext blob names its key, and the encryption context is authenticated,
 * as in KMS. It answers KMS's error codes ({@code InvalidCiphertextException}, {@code IncorrectKeyException},
 * {@code NotFoundException}) and, when told to, {@code KMSInternalException} (HTTP 500) for every call.
 * Every call is recorded, without plaintext.
 */
final class FakeKms implements AutoCloseable {

    /** One recorded call: operation, the KeyId sent (or null) and the encryption context as sent. */
    record Call(String operation, String keyId, String context) {
    }

    private static final Pattern STRING_FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern CONTEXT = Pattern.compile("\"EncryptionContext\"\\s*:\\s*(\\{[^}]*\\})");

    private final HttpServer server;
    private final Map<String, byte[]> keysByArn = new LinkedHashMap<>();
    private final Map<String, String> arnsByAlias = new LinkedHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private volatile boolean failing;

    FakeKms() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Creates a key reachable as {@code alias}; returns its ARN. */
    synchronized String createKey(String alias) {
        String arn = "arn:aws:kms:eu-west-1:111122223333:key/" + UUID.randomUUID();
        byte[] key = new byte[32];
        random.nextBytes(key);
        keysByArn.put(arn, key);
        arnsByAlias.put(alias, arn);
        return arn;
    }

    void failing(boolean failing) {
        this.failing = failing;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher matcher = STRING_FIELD.matcher(body);
            while (matcher.find()) {
                fields.putIfAbsent(matcher.group(1), matcher.group(2));
            }
            Matcher context = CONTEXT.matcher(body);
            String encryptionContext = context.find() ? context.group(1).replaceAll("\\s", "") : "";
            String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
            calls.add(new Call(operation, fields.get("KeyId"), encryptionContext));
            if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
                reply(exchange, 400, error("MissingAuthenticationTokenException", "request is not signed"));
            } else if (failing) {
                reply(exchange, 500, error("KMSInternalException", "the fake is down"));
            } else {
                switch (operation) {
                    case "Encrypt" -> encrypt(exchange, fields, encryptionContext);
                    case "Decrypt" -> decrypt(exchange, fields, encryptionContext);
                    case "DescribeKey" -> describe(exchange, fields);
                    default -> reply(exchange, 400, error("UnsupportedOperationException", operation));
                }
            }
        }
    }

    private void encrypt(HttpExchange exchange, Map<String, String> fields, String context) throws IOException {
        String arn = resolve(fields.get("KeyId"));
        if (arn == null) {
            reply(exchange, 400, error("NotFoundException", "no key " + fields.get("KeyId")));
            return;
        }
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        byte[] sealed = gcm(Cipher.ENCRYPT_MODE, keysByArn.get(arn), nonce, context, Base64.getDecoder().decode(fields.get("Plaintext")));
        byte[] arnBytes = arn.getBytes(StandardCharsets.US_ASCII);
        byte[] blob = new byte[1 + arnBytes.length + nonce.length + sealed.length];
        blob[0] = (byte) arnBytes.length;
        System.arraycopy(arnBytes, 0, blob, 1, arnBytes.length);
        System.arraycopy(nonce, 0, blob, 1 + arnBytes.length, nonce.length);
        System.arraycopy(sealed, 0, blob, 1 + arnBytes.length + nonce.length, sealed.length);
        reply(exchange, 200, "{\"CiphertextBlob\":\"" + Base64.getEncoder().encodeToString(blob) + "\",\"KeyId\":\"" + arn
                + "\",\"EncryptionAlgorithm\":\"SYMMETRIC_DEFAULT\"}");
    }

    private void decrypt(HttpExchange exchange, Map<String, String> fields, String context) throws IOException {
        byte[] blob = Base64.getDecoder().decode(fields.get("CiphertextBlob"));
        int arnLength = blob.length == 0 ? 0 : blob[0] & 0xff;
        if (blob.length < 1 + arnLength + 12 + 16) {
            reply(exchange, 400, error("InvalidCiphertextException", "too short"));
            return;
        }
        String arn = new String(blob, 1, arnLength, StandardCharsets.US_ASCII);
        byte[] key = keysByArn.get(arn);
        if (key == null) {
            reply(exchange, 400, error("InvalidCiphertextException", "unknown key in blob"));
            return;
        }
        String requested = fields.get("KeyId");
        if (requested != null && !arn.equals(resolve(requested))) {
            reply(exchange, 400, error("IncorrectKeyException", "the ciphertext was not made by " + requested));
            return;
        }
        byte[] nonce = Arrays.copyOfRange(blob, 1 + arnLength, 1 + arnLength + 12);
        byte[] sealed = Arrays.copyOfRange(blob, 1 + arnLength + 12, blob.length);
        byte[] plaintext;
        try {
            plaintext = gcm(Cipher.DECRYPT_MODE, key, nonce, context, sealed);
        } catch (IllegalStateException e) {
            reply(exchange, 400, error("InvalidCiphertextException", "integrity check failed"));
            return;
        }
        reply(exchange, 200, "{\"KeyId\":\"" + arn + "\",\"Plaintext\":\"" + Base64.getEncoder().encodeToString(plaintext)
                + "\",\"EncryptionAlgorithm\":\"SYMMETRIC_DEFAULT\"}");
    }

    private void describe(HttpExchange exchange, Map<String, String> fields) throws IOException {
        String arn = resolve(fields.get("KeyId"));
        if (arn == null) {
            reply(exchange, 400, error("NotFoundException", "no key " + fields.get("KeyId")));
            return;
        }
        reply(exchange, 200, "{\"KeyMetadata\":{\"KeyId\":\"" + arn.substring(arn.lastIndexOf('/') + 1) + "\",\"Arn\":\"" + arn
                + "\",\"Enabled\":true,\"KeyState\":\"Enabled\"}}");
    }

    private synchronized String resolve(String keyId) {
        if (keyId == null) {
            return null;
        }
        return keysByArn.containsKey(keyId) ? keyId : arnsByAlias.get(keyId);
    }

    private static byte[] gcm(int mode, byte[] key, byte[] nonce, String context, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String error(String type, String message) {
        return "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}";
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}

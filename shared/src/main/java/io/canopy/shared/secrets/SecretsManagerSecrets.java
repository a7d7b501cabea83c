package io.canopy.shared.secrets;

import io.canopy.shared.aws.AwsEnvironment;
import io.canopy.shared.http.PlainHttp;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a Secrets Manager secret with one signed {@code GetSecretValue} call (the service's JSON protocol, signed with
 * the SDK's SigV4 signer, sent with {@link PlainHttp}) instead of the SDK's Secrets Manager client, which would add
 * about a megabyte and its client machinery to each PostgreSQL artifact for one call at start-up.
 * <p>
 * Not the Parameters and Secrets Lambda Extension: it authenticates callers with {@code AWS_SESSION_TOKEN}, which a
 * SnapStart function never has (its credentials come from the container endpoint), so it cannot serve a secret at a
 * SnapStart init nor after a restore. This works under both, with the same credentials the AWS clients use.
 */
public final class SecretsManagerSecrets {

    public static final String TARGET = "secretsmanager.GetSecretValue";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final int ATTEMPTS = 3;
    private static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(100);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    /** A secret value is at most 64 KB; the JSON around it adds little. */
    private static final int MAX_ANSWER_BYTES = 256 * 1024;
    /** Sent by HttpURLConnection itself (it refuses to take them from the caller), with the same values. */
    private static final List<String> SET_BY_CONNECTION = List.of("host", "content-length");

    private final URI endpoint;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final JsonMapper json;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * @param endpoint blank for the region's Secrets Manager endpoint (in a VPC, its interface endpoint answers for
     *                 that name); else an emulator's URL (LocalStack, tests), called with fixed local credentials
     */
    public SecretsManagerSecrets(String endpoint, JsonMapper json) {
        this.region = AwsEnvironment.region();
        boolean local = endpoint != null && !endpoint.isBlank();
        this.endpoint = URI.create(local ? endpoint : "https://secretsmanager." + region + ".amazonaws.com/");
        this.credentials = AwsEnvironment.credentialsFor(endpoint);
        this.json = json;
    }

    /**
     * The secret's current {@code SecretString}. Retries a throttled, failed (5xx) or unanswered call twice; any other
     * refusal fails at once, naming the service's error type (never the secret).
     */
    public String secretString(String secretId) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(Map.of("SecretId", secretId));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write a GetSecretValue request", e);
        }
        String problem = "no answer";
        Duration delay = FIRST_RETRY_DELAY;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                PlainHttp.Answer answer = PlainHttp.post(endpoint, signedHeaders(body), body, CONNECT_TIMEOUT, READ_TIMEOUT, MAX_ANSWER_BYTES);
                if (answer.status() == 200) {
                    return secretStringOf(answer.body(), secretId);
                }
                String type = errorType(answer.body());
                problem = "HTTP " + answer.status() + (type == null ? "" : " " + type);
                if (answer.status() < 500 && !"ThrottlingException".equals(type)) {
                    break;
                }
            } catch (IOException e) {
                problem = e.getClass().getSimpleName();
            }
            if (attempt < ATTEMPTS) {
                sleep(delay);
                delay = delay.multipliedBy(2);
            }
        }
        throw new IllegalStateException("Could not read secret " + secretId + " from Secrets Manager at " + endpoint
                + " (" + problem + "). Is it readable by the function's role (secretsmanager:GetSecretValue, and"
                + " kms:Decrypt if a customer key encrypts it), and is the endpoint reachable from the function's subnets?");
    }

    private Map<String, String> signedHeaders(byte[] body) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", CONTENT_TYPE)
                .putHeader("X-Amz-Target", TARGET)
                .build();
        SignedRequest signed = signer.sign(sign -> sign
                .identity(credentials.resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "secretsmanager")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        Map<String, String> headers = new LinkedHashMap<>();
        signed.request().headers().forEach((name, values) -> {
            if (!SET_BY_CONNECTION.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, String.join(",", values));
            }
        });
        return headers;
    }

    private String secretStringOf(byte[] answer, String secretId) throws IOException {
        JsonNode secret = json.readValue(answer, JsonNode.class).get("SecretString");
        if (secret == null || !secret.isString()) {
            throw new IllegalStateException("Secret " + secretId + " has no SecretString (a binary secret?).");
        }
        return secret.getStringValue();
    }

    /** The JSON protocol's {@code __type}, without its namespace ({@code ...#ResourceNotFoundException}). */
    private String errorType(byte[] answer) {
        try {
            JsonNode type = json.readValue(answer, JsonNode.class).get("__type");
            if (type == null || !type.isString()) {
                return null;
            }
            String name = type.getStringValue();
            return name.substring(name.lastIndexOf('#') + 1);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

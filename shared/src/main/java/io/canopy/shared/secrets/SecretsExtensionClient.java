package io.canopy.shared.secrets;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads a Secrets Manager secret through the AWS Parameters and Secrets Lambda Extension's local HTTP endpoint
 * ({@code GET /secretsmanager/get?secretId=...} with header {@code X-Aws-Parameters-Secrets-Token}). No AWS SDK in
 * the artifact; the extension holds the credentials and caches. Used once, at start-up.
 */
public final class SecretsExtensionClient {

    public static final String TOKEN_HEADER = "X-Aws-Parameters-Secrets-Token";
    private static final int ATTEMPTS = 5;
    private static final Duration RETRY_DELAY = Duration.ofMillis(200);

    private final URI baseUrl;
    private final String sessionToken;
    private final JsonMapper jsonMapper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public SecretsExtensionClient(String baseUrl, String sessionToken, JsonMapper jsonMapper) {
        this.baseUrl = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.sessionToken = sessionToken;
        this.jsonMapper = jsonMapper;
    }

    /** The secret's {@code SecretString}. Retries briefly: the extension may still be starting at cold start. */
    public String secretString(String secretId) {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("secretsmanager/get?secretId="
                        + URLEncoder.encode(secretId, StandardCharsets.UTF_8)))
                .header(TOKEN_HEADER, sessionToken)
                .timeout(Duration.ofSeconds(5))
                .GET().build();
        String problem = "no answer";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 200) {
                    JsonNode secret = jsonMapper.readValue(response.body(), JsonNode.class).get("SecretString");
                    if (secret == null || !secret.isString()) {
                        throw new IllegalStateException("Secret " + secretId + " has no SecretString.");
                    }
                    return secret.getStringValue();
                }
                // The body may describe the secret; the status is enough to act on.
                problem = "HTTP " + response.statusCode();
                if (response.statusCode() >= 400 && response.statusCode() < 500 && response.statusCode() != 400) {
                    break;
                }
            } catch (IOException e) {
                problem = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep();
        }
        throw new IllegalStateException("Could not read secret " + secretId + " from the Parameters and Secrets Lambda"
                + " Extension at " + baseUrl + " (" + problem + "). Is the extension layer attached and the secret"
                + " readable by the function's role?");
    }

    private static void sleep() {
        try {
            Thread.sleep(RETRY_DELAY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

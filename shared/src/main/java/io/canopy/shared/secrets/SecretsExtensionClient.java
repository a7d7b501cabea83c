package io.canopy.shared.secrets;

import io.canopy.shared.http.PlainHttp;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Reads a Secrets Manager secret through the AWS Parameters and Secrets Lambda Extension's local HTTP endpoint
 * ({@code GET /secretsmanager/get?secretId=...} with header {@code X-Aws-Parameters-Secrets-Token}). No AWS SDK in
 * the artifact; the extension holds the credentials and caches. Used once, at start-up.
 */
public final class SecretsExtensionClient {

    public static final String TOKEN_HEADER = "X-Aws-Parameters-Secrets-Token";
    private static final int ATTEMPTS = 5;
    private static final Duration RETRY_DELAY = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** A secret value is at most 64 KB; the extension's JSON around it adds little. */
    private static final int MAX_ANSWER_BYTES = 256 * 1024;

    private final URI baseUrl;
    private final String sessionToken;
    private final JsonMapper jsonMapper;

    public SecretsExtensionClient(String baseUrl, String sessionToken, JsonMapper jsonMapper) {
        this.baseUrl = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.sessionToken = sessionToken;
        this.jsonMapper = jsonMapper;
    }

    /** The secret's {@code SecretString}. Retries briefly: the extension may still be starting at cold start. */
    public String secretString(String secretId) {
        URI request = baseUrl.resolve("secretsmanager/get?secretId=" + URLEncoder.encode(secretId, StandardCharsets.UTF_8));
        String problem = "no answer";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                PlainHttp.Answer response = PlainHttp.get(request, Map.of(TOKEN_HEADER, sessionToken), TIMEOUT, MAX_ANSWER_BYTES);
                if (response.status() == 200) {
                    JsonNode secret = jsonMapper.readValue(response.body(), JsonNode.class).get("SecretString");
                    if (secret == null || !secret.isString()) {
                        throw new IllegalStateException("Secret " + secretId + " has no SecretString.");
                    }
                    return secret.getStringValue();
                }
                // The body may describe the secret; the status is enough to act on.
                problem = "HTTP " + response.status();
                if (response.status() >= 400 && response.status() < 500 && response.status() != 400) {
                    break;
                }
            } catch (IOException e) {
                problem = e.getClass().getSimpleName();
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

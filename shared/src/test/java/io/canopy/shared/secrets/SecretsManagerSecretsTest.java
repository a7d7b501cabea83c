package io.canopy.shared.secrets;

import io.canopy.shared.http.PlainHttp;
import io.canopy.testsupport.FakeSecretsManager;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One signed GetSecretValue call, against a stand-in that checks the signature with the SDK's signer. */
class SecretsManagerSecretsTest {

    private final JsonMapper json = JsonMapper.createDefault();
    private final FakeSecretsManager service = new FakeSecretsManager();
    private final SecretsManagerSecrets secrets = new SecretsManagerSecrets(service.endpoint(), json);

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void secretString_isTheSecretsValue_readWithOneSignedCall() {
        // a value with the characters JSON must escape, and an id with a slash and a space
        service.put("canopy/jwt signing", "-----BEGIN PRIVATE KEY-----\n\"quoted\" \\ back\n-----END PRIVATE KEY-----\n");

        assertEquals("-----BEGIN PRIVATE KEY-----\n\"quoted\" \\ back\n-----END PRIVATE KEY-----\n",
                secrets.secretString("canopy/jwt signing"));
        assertEquals(List.of("canopy/jwt signing"), service.requests());
    }

    @Test
    void secretString_retriesAFailedOrThrottledCall() {
        service.put("canopy/db", "{}").failNext(500, 400);

        assertEquals("{}", secrets.secretString("canopy/db"));
        assertEquals(List.of("canopy/db", "canopy/db", "canopy/db"), service.requests());
    }

    @Test
    void secretString_givesUpAfterThreeFailedCalls_sayingWhatFailed() {
        service.put("canopy/db", "{}").failNext(500, 500, 500, 500);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> secrets.secretString("canopy/db"));
        assertTrue(e.getMessage().contains("HTTP 500 InternalServiceError"), e.getMessage());
        assertEquals(3, service.requests().size());
    }

    @Test
    void secretString_failsAtOnce_whenTheSecretDoesNotExist() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> secrets.secretString("canopy/missing"));

        assertTrue(e.getMessage().startsWith("Could not read secret canopy/missing from Secrets Manager"), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 400 ResourceNotFoundException"), e.getMessage());
        assertEquals(List.of("canopy/missing"), service.requests());
    }

    @Test
    void secretString_failsClearly_whenTheSecretIsBinary() {
        service.putBinary("canopy/binary", new byte[] {1, 2, 3});

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> secrets.secretString("canopy/binary"));
        assertEquals("Secret canopy/binary has no SecretString (a binary secret?).", e.getMessage());
    }

    @Test
    void secretString_namesTheFailure_whenNothingAnswers() {
        String endpoint = service.endpoint();
        service.close();

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SecretsManagerSecrets(endpoint, json).secretString("canopy/db"));
        assertTrue(e.getMessage().contains("(ConnectFailure)"), e.getMessage());
    }

    @Test
    void theStandIn_refusesAnUnsignedCall() throws Exception {
        // The stand-in's signature check is what the tests above rely on; an unsigned call must not pass it.
        service.put("canopy/db", "{}");
        PlainHttp.Answer answer = PlainHttp.post(URI.create(service.endpoint()),
                Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", SecretsManagerSecrets.TARGET),
                "{\"SecretId\":\"canopy/db\"}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(2), Duration.ofSeconds(2), 10_000);

        assertEquals(400, answer.status());
        assertTrue(new String(answer.body(), StandardCharsets.UTF_8).contains("InvalidSignatureException"));
    }
}

package io.canopy.identity.crypto;

import com.nimbusds.jose.jwk.RSAKey;
import io.canopy.identity.IdentityKeys;
import io.canopy.identity.IdentityTestSetup;
import io.canopy.testsupport.FakeSecretsManager;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the signing key comes from: a PEM file, or a Secrets Manager secret; else no start. */
class SigningKeyFactoryTest {

    private final JsonMapper json = JsonMapper.createDefault();

    @Test
    void load_readsPemFile_andKidIsRfc7638Thumbprint() throws Exception {
        // GIVEN the local runtime's PEM file
        SigningKeyProperties properties = new SigningKeyProperties(IdentityTestSetup.signingKeyFile().toString(), null, null);
        // WHEN loading
        SigningKey key = SigningKeyFactory.load(properties, json);
        // THEN kid is the key's RFC 7638 thumbprint and the JWK is public only
        RSAKey expected = IdentityKeys.key();
        assertEquals(expected.computeThumbprint().toString(), key.keyId());
        assertEquals(expected.toRSAPublicKey(), key.publicKey());
        assertFalse(key.publicJwk().containsKey("d"));
        assertEquals("sig", key.publicJwk().get("use"));
        assertEquals("RS256", key.publicJwk().get("alg"));
        assertFalse(key.toString().contains(expected.getPrivateExponent().toString()));
    }

    @Test
    void load_readsSecretFromSecretsManager_whenSecretIdIsConfigured() throws Exception {
        // GIVEN Secrets Manager holding the PEM
        String pem = Files.readString(IdentityTestSetup.signingKeyFile());
        try (FakeSecretsManager secrets = new FakeSecretsManager().put("canopy/jwt signing", pem)) {
            SigningKeyProperties properties = new SigningKeyProperties(null, "canopy/jwt signing", secrets.endpoint());
            // WHEN loading
            SigningKey key = SigningKeyFactory.load(properties, json);
            // THEN the key is the secret's, asked for by id in one signed call
            assertEquals(IdentityKeys.key().getKeyID(), key.keyId());
            assertEquals(List.of("canopy/jwt signing"), secrets.requests());
        }
    }

    @Test
    void load_failsWithClearMessage_whenTheSecretIsMissing() {
        try (FakeSecretsManager secrets = new FakeSecretsManager()) {
            SigningKeyProperties properties = new SigningKeyProperties(null, "canopy/jwt", secrets.endpoint());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> SigningKeyFactory.load(properties, json));
            assertTrue(e.getMessage().contains("HTTP 400 ResourceNotFoundException"), e.getMessage());
        }
    }

    @Test
    void load_failsWithClearMessage_whenNothingIsConfigured() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SigningKeyFactory.load(new SigningKeyProperties("", " ", null), json));
        assertEquals(SigningKeyFactory.NOT_CONFIGURED, e.getMessage());
    }

    @Test
    void fromPem_failsWithoutEchoingTheInput_whenPemIsNotAnRsaKey() {
        String garbage = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END PRIVATE KEY-----\n";
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SigningKey.fromPem(garbage));
        assertFalse(e.getMessage().contains("c2VjcmV0"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> SigningKey.fromPem("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"));
    }

    @Test
    void applicationStart_fails_whenNoSigningKeyIsConfigured() {
        // GIVEN a database but no signing key
        Map<String, Object> properties = new HashMap<>(IdentityTestSetup.properties());
        properties.remove("canopy.identity.signing-key-file");
        // WHEN the function starts
        Exception e = assertThrows(Exception.class, () -> ApplicationContext.run(properties).close());
        // THEN it refuses, saying what to configure
        Throwable root = e;
        while (root.getCause() != null && !(root instanceof IllegalStateException && root.getMessage() != null
                && root.getMessage().startsWith("No JWT signing key"))) {
            root = root.getCause();
        }
        assertEquals(SigningKeyFactory.NOT_CONFIGURED, root.getMessage());
    }
}

package io.canopy.identity.crypto;

import io.canopy.shared.secrets.SecretsManagerSecrets;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the signing key once, eagerly at start-up (Lambda init / SnapStart checkpoint): from
 * {@code canopy.identity.signing-key-file}, else from the secret {@code canopy.identity.signing-key-secret-id}.
 * Neither configured: start-up fails. A key is never generated here; on Lambda every instance would make its own.
 */
@Factory
class SigningKeyFactory {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeyFactory.class);

    static final String NOT_CONFIGURED = "No JWT signing key is configured: set canopy.identity.signing-key-file"
            + " (env CANOPY_SIGNING_KEY_FILE, a PKCS#8 PEM file) or canopy.identity.signing-key-secret-id"
            + " (env CANOPY_SIGNING_KEY_SECRET_ID, a Secrets Manager secret holding that PEM).";

    @Context
    SigningKey signingKey(SigningKeyProperties properties, JsonMapper jsonMapper) {
        SigningKey key = load(properties, jsonMapper);
        LOG.info("JWT signing key loaded, kid {}", key.keyId());
        return key;
    }

    static SigningKey load(SigningKeyProperties properties, JsonMapper jsonMapper) {
        if (notBlank(properties.signingKeyFile())) {
            Path file = Path.of(properties.signingKeyFile());
            try {
                return SigningKey.fromPem(Files.readString(file));
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the signing key file " + file + " (" + e.getClass().getSimpleName() + ").");
            }
        }
        if (notBlank(properties.signingKeySecretId())) {
            String pem = new SecretsManagerSecrets(properties.secretsManagerEndpoint(), jsonMapper)
                    .secretString(properties.signingKeySecretId());
            return SigningKey.fromPem(pem);
        }
        throw new IllegalStateException(NOT_CONFIGURED);
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}

package io.canopy.identity.crypto;

import io.canopy.shared.security.JwksTokenKeys;
import io.canopy.shared.security.TokenKeys;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;

import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

/**
 * Identity checks bearer tokens against its own public key, never through a remote JWKS: that would be identity
 * calling itself. Like API Gateway's authorizer (which looks the key up by {@code kid} in the JWKS), a token must name
 * our key's {@code kid}, not merely carry a signature that verifies.
 */
@Singleton
@Replaces(JwksTokenKeys.class)
class OwnSigningKeys implements TokenKeys {

    private final SigningKey signingKey;

    OwnSigningKeys(SigningKey signingKey) {
        this.signingKey = signingKey;
    }

    @Override
    public Optional<RSAPublicKey> find(String keyId) {
        return signingKey.keyId().equals(keyId) ? Optional.of(signingKey.publicKey()) : Optional.empty();
    }
}

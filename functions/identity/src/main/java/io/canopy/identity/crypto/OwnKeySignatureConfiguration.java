package io.canopy.identity.crypto;

import io.micronaut.security.token.jwt.signature.rsa.RSASignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.security.interfaces.RSAPublicKey;

/**
 * micronaut-security-jwt validates bearer tokens against identity's own public key (its RSASignatureFactory turns
 * this into a SignatureConfiguration). Never a remote JWKS here: that would be identity calling itself.
 */
@Singleton
@Named("identity")
class OwnKeySignatureConfiguration implements RSASignatureConfiguration {

    private final RSAPublicKey publicKey;

    OwnKeySignatureConfiguration(SigningKey signingKey) {
        this.publicKey = signingKey.publicKey();
    }

    @Override
    public RSAPublicKey getPublicKey() {
        return publicKey;
    }
}

package io.canopy.identity.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * micronaut-security-jwt validates bearer tokens against identity's own public key. Never a remote JWKS here: that
 * would be identity calling itself. Like API Gateway's authorizer (which looks the key up by {@code kid} in the
 * JWKS), a token must name our key's {@code kid} and use RS256, not merely carry a signature that verifies.
 */
@Singleton
@Named("identity")
class OwnKeySignatureConfiguration implements SignatureConfiguration {

    private final RSASSAVerifier verifier;
    private final String keyId;

    OwnKeySignatureConfiguration(SigningKey signingKey) {
        this.verifier = new RSASSAVerifier(signingKey.publicKey());
        this.keyId = signingKey.keyId();
    }

    @Override
    public String supportedAlgorithmsMessage() {
        return "Only the RS256 JWS algorithm is supported";
    }

    @Override
    public boolean supports(JWSAlgorithm algorithm) {
        return JWSAlgorithm.RS256.equals(algorithm);
    }

    @Override
    public boolean verify(SignedJWT jwt) throws JOSEException {
        return keyId.equals(jwt.getHeader().getKeyID()) && jwt.verify(verifier);
    }
}

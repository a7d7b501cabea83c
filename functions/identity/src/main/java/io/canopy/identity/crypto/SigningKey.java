package io.canopy.identity.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;

/**
 * The RS256 key pair identity signs with, parsed once. {@code keyId} is the RFC 7638 thumbprint of the public key,
 * so every instance holding the same key announces the same {@code kid}. The private key never leaves this object
 * (no accessor prints it; {@link #toString()} shows the kid only).
 */
public final class SigningKey {

    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";
    static final int MIN_BITS = 2048;

    private final RSAPrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;
    private final Map<String, Object> publicJwk;

    private SigningKey(RSAPrivateKey privateKey, RSAPublicKey publicKey) throws JOSEException {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = new RSAKey.Builder(publicKey).build().computeThumbprint().toString();
        this.publicJwk = new RSAKey.Builder(publicKey).keyID(keyId).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                .build().toPublicJWK().toJSONObject();
    }

    /** Parses an RSA private key in PKCS#8 PEM ("BEGIN PRIVATE KEY"). Errors never quote the key. */
    public static SigningKey fromPem(String pem) {
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("The signing key is not a PKCS#8 PEM (-----BEGIN PRIVATE KEY-----).");
        }
        String base64 = pem.substring(begin + BEGIN.length(), end).replaceAll("\\s", "");
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (!(rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64))) instanceof RSAPrivateCrtKey key)) {
                throw new IllegalStateException("The signing key is not an RSA private key with CRT parameters.");
            }
            if (key.getModulus().bitLength() < MIN_BITS) {
                throw new IllegalStateException("The signing key is shorter than " + MIN_BITS + " bits.");
            }
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
            return new SigningKey(key, publicKey);
        } catch (GeneralSecurityException | IllegalArgumentException | JOSEException e) {
            // The cause's message could echo key bytes: say what is wrong, not what was read.
            throw new IllegalStateException("The signing key is not a readable RSA PKCS#8 key (" + e.getClass().getSimpleName() + ").");
        }
    }

    RSAPrivateKey privateKey() {
        return privateKey;
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return keyId;
    }

    /** The public JWK: kty, e, n, kid, use=sig, alg=RS256. */
    public Map<String, Object> publicJwk() {
        return publicJwk;
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + keyId + "]";
    }
}

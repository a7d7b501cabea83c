package io.canopy.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Signs access tokens the way identity does (RS256, kid, iss, aud, sub, exp, iat, jti, email, roles,
 * permissions) with a key made for this test JVM, published by {@link JwksServer}. Also makes the bad tokens
 * the security tests need.
 */
public final class TestTokens {

    public static final String ISSUER = "http://localhost:8080";
    public static final String AUDIENCE = "canopy";

    private static final RSAKey KEY = generate("canopy-test-key");
    private static final RSAKey OTHER_KEY = generate("canopy-test-key");

    private TestTokens() {
    }

    public static String user(UUID id) {
        return builder(id).sign();
    }

    public static String admin(UUID id) {
        return builder(id).roles("user", "admin").sign();
    }

    public static Builder builder(UUID id) {
        return new Builder(id);
    }

    /** The public JWKS that verifies tokens from {@link #builder}. */
    public static String jwksJson() {
        return new JWKSet(KEY.toPublicJWK()).toString();
    }

    public static RSAKey key() {
        return KEY;
    }

    public static final class Builder {
        private final JWTClaimsSet.Builder claims;
        private RSAKey signingKey = KEY;

        private Builder(UUID id) {
            Instant now = Instant.now();
            claims = new JWTClaimsSet.Builder()
                    .issuer(ISSUER)
                    .audience(AUDIENCE)
                    .subject(id.toString())
                    .issueTime(Date.from(now))
                    .notBeforeTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                    .jwtID(UUID.randomUUID().toString())
                    .claim("email", id + "@example.com")
                    .claim("roles", List.of("user"))
                    .claim("permissions", List.of("time"));
        }

        public Builder roles(String... roles) {
            claims.claim("roles", List.of(roles));
            return this;
        }

        public Builder email(String email) {
            claims.claim("email", email);
            return this;
        }

        public Builder permissions(String... permissions) {
            claims.claim("permissions", List.of(permissions));
            return this;
        }

        public Builder issuer(String issuer) {
            claims.issuer(issuer);
            return this;
        }

        public Builder audience(String audience) {
            claims.audience(audience);
            return this;
        }

        public Builder expiresAt(Instant expiry) {
            claims.expirationTime(Date.from(expiry));
            return this;
        }

        public Builder notBefore(Instant notBefore) {
            claims.notBeforeTime(Date.from(notBefore));
            return this;
        }

        /** Signed by a key nobody published: a forged token. */
        public Builder signedByUnknownKey() {
            signingKey = OTHER_KEY;
            return this;
        }

        public String sign() {
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
                        claims.build());
                jwt.sign(new RSASSASigner(signingKey));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The same claims with {@code alg: none} and no signature. */
        public String unsigned() {
            String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
            return header + "." + base64(claims.build().toString()) + ".";
        }

        private static String base64(String json) {
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}

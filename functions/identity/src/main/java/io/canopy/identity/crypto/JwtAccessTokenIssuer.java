package io.canopy.identity.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.canopy.identity.domain.AccessTokenIssuer;
import io.canopy.identity.domain.User;
import io.canopy.shared.security.Claims;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * RS256 access tokens: header {@code kid} (the key's thumbprint); claims iss, aud, sub (user id), iat, nbf, exp,
 * jti, email, roles, permissions. Signer and header are built once.
 */
@Singleton
class JwtAccessTokenIssuer implements AccessTokenIssuer {

    private final JWSSigner signer;
    private final JWSHeader header;
    private final String issuer;
    private final String audience;

    JwtAccessTokenIssuer(SigningKey key, @Value("${canopy.issuer}") String issuer, @Value("${canopy.audience}") String audience) {
        this.signer = new RSASSASigner(key.privateKey());
        this.header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.keyId()).type(JOSEObjectType.JWT).build();
        this.issuer = issuer;
        this.audience = audience;
    }

    @Override
    public String issue(User user, Instant now, long ttlSeconds) {
        Instant issuedAt = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(user.id().toString())
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plusSeconds(ttlSeconds)))
                .jwtID(UUID.randomUUID().toString())
                .claim(Claims.EMAIL, user.email())
                .claim(Claims.ROLES, user.roles())
                .claim(Claims.PERMISSIONS, user.permissions())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign an access token", e);
        }
        return jwt.serialize();
    }
}

package io.canopy.shared.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.canopy.shared.error.ApiException;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Checks a bearer token the way every function must, whatever the gateway already did: a JWS signed with RS256 by a
 * key identity publishes (chosen by {@code kid}), issued by {@code canopy.issuer} for {@code canopy.audience}, with an
 * expiry in the future, a not-before (if any) in the past and a user id as subject. Anything else is a 401 that says
 * which check failed, and never echoes the token.
 */
@Singleton
public class BearerTokens {

    /** Identity's tokens are about 1 KB; anything far longer is not one of them (and is not worth parsing). */
    static final int MAX_TOKEN_CHARS = 8 * 1024;
    private static final String INVALID_SIGNATURE = "The bearer token's signature is not valid.";

    private final TokenKeys keys;
    private final VerifiedSignatures verifiedSignatures;
    private final Clock clock;
    private final String issuer;
    private final String audience;

    /**
     * Checks against the system clock. Deployed, the {@link Clock} bean is the system clock too; but tests fix that
     * bean to dates of their choosing while test-support signs their tokens with the real time.
     */
    @Inject
    public BearerTokens(TokenKeys keys, @Value("${canopy.issuer}") String issuer, @Value("${canopy.audience}") String audience) {
        this(keys, Clock.systemUTC(), issuer, audience);
    }

    BearerTokens(TokenKeys keys, Clock clock, String issuer, String audience) {
        this.keys = keys;
        this.verifiedSignatures = new VerifiedSignatures(clock);
        this.clock = clock;
        this.issuer = issuer;
        this.audience = audience;
    }

    /** The caller a token stands for; a 401 {@link ApiException} if it is not a valid access token. */
    public Caller verify(String token) {
        if (token.length() > MAX_TOKEN_CHARS) {
            throw refused("The bearer token is too long.");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw refused("The bearer token is not a signed JWT.");
        }
        checkSignature(token, jwt);
        return callerOf(claims);
    }

    /**
     * For SnapStart priming: runs the check, down to the RSA arithmetic, on a made-up token against a made-up public
     * key, so the snapshot holds those classes loaded and partly compiled. The token's signature cannot match, so
     * this answers that refusal; a refusal before the RSA check is an {@link IllegalStateException}. It needs no key
     * pair and no randomness, and touches neither this function's keys nor its memory of verified tokens.
     */
    public String primeSignatureCheck() {
        RSAPublicKey madeUpKey;
        try {
            BigInteger modulus = BigInteger.ONE.shiftLeft(2047).add(BigInteger.valueOf(59));  // 2,048 bits, odd
            madeUpKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(modulus, RSAKeyGenParameterSpec.F4));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK has no RSA", e);
        }
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        byte[] signature = new byte[256];
        Arrays.fill(signature, (byte) 1);
        String token = base64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"priming\"}".getBytes(StandardCharsets.UTF_8))
                + "." + base64.encodeToString("{\"sub\":\"priming\"}".getBytes(StandardCharsets.UTF_8))
                + "." + base64.encodeToString(signature);
        try {
            new BearerTokens(keyId -> Optional.of(madeUpKey), clock, issuer, audience).verify(token);
            throw new IllegalStateException("A made-up signature was accepted");
        } catch (ApiException refused) {
            if (!INVALID_SIGNATURE.equals(refused.getMessage())) {
                // Refused before the RSA check: priming would warm less than it claims.
                throw new IllegalStateException("The made-up token was refused early: " + refused.getMessage());
            }
            return refused.getMessage();
        }
    }

    private void checkSignature(String token, SignedJWT jwt) {
        JWSHeader header = jwt.getHeader();
        if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
            throw refused("The bearer token must be signed with RS256.");
        }
        if (verifiedSignatures.contains(token)) {
            return;
        }
        Optional<RSAPublicKey> key = header.getKeyID() == null ? Optional.empty() : keys.find(header.getKeyID());
        if (key.isEmpty()) {
            throw refused("The bearer token is not signed by a known key.");
        }
        boolean valid;
        try {
            valid = jwt.verify(new RSASSAVerifier(key.get()));
        } catch (JOSEException e) {
            valid = false;
        }
        if (!valid) {
            throw refused(INVALID_SIGNATURE);
        }
        verifiedSignatures.remember(token);
    }

    private Caller callerOf(JWTClaimsSet claims) {
        Instant now = clock.instant();
        if (!issuer.equals(claims.getIssuer())) {
            throw refused("The bearer token is not issued by " + issuer + ".");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
            throw refused("The bearer token is not meant for this API.");
        }
        Date expiry = claims.getExpirationTime();
        if (expiry == null || !now.isBefore(expiry.toInstant())) {
            throw refused("The bearer token has expired.");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.isBefore(notBefore.toInstant())) {
            throw refused("The bearer token is not valid yet.");
        }
        UUID id;
        try {
            id = UUID.fromString(String.valueOf(claims.getSubject()));
        } catch (IllegalArgumentException e) {
            throw refused("The bearer token's subject is not a user id.");
        }
        Object email = claims.getClaim(Claims.EMAIL);
        return new Caller(id, email instanceof String text ? text : null, Set.copyOf(strings(claims.getClaim(Claims.ROLES))),
                Set.copyOf(strings(claims.getClaim(Claims.PERMISSIONS))));
    }

    private static List<String> strings(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().filter(value -> value != null).map(Object::toString).toList();
        }
        return claim == null ? List.of() : List.of(claim.toString());
    }

    private static ApiException refused(String detail) {
        return ApiException.unauthorized(detail);
    }
}

package io.canopy.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The HTTP API native JWT authorizer: {@code Authorization: Bearer <jwt>}, RS256 with a key of the issuer's JWKS
 * chosen by {@code kid}, then {@code iss}, {@code aud}, {@code exp} (required), {@code nbf} and {@code iat}.
 */
public final class JwtAuthorizer {

    /** Tolerated clock difference between the issuer and the gateway. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String issuer;
    private final String audience;
    private final JwksKeys keys;
    private final Clock clock;

    public JwtAuthorizer(String issuer, String audience, JwksKeys keys, Clock clock) {
        this.issuer = issuer;
        this.audience = audience;
        this.keys = keys;
        this.clock = clock;
    }

    /** @return the token's claims as JSON if the request may pass, empty if the gateway must answer 401 */
    public Optional<ObjectNode> authorize(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(authorizationHeader.substring(7).trim());
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || jwt.getHeader().getKeyID() == null) {
                return Optional.empty();
            }
            Optional<RSAKey> key = keys.find(jwt.getHeader().getKeyID());
            if (key.isEmpty() || !jwt.verify(new RSASSAVerifier(key.get()))) {
                return Optional.empty();
            }
            JsonNode claims = JSON.readTree(jwt.getPayload().toString());
            return claims instanceof ObjectNode object && claimsValid(object) ? Optional.of(object) : Optional.empty();
        } catch (ParseException | JOSEException | IOException e) {
            return Optional.empty(); // alg none, garbage, unreadable key: all just "Unauthorized"
        }
    }

    private boolean claimsValid(ObjectNode claims) {
        long now = clock.instant().getEpochSecond();
        long skew = CLOCK_SKEW.toSeconds();
        if (!issuer.equals(claims.path("iss").asText(null))) {
            return false;
        }
        JsonNode aud = claims.get("aud");
        boolean audienceMatches = aud != null && (aud.isArray()
                ? java.util.stream.StreamSupport.stream(aud.spliterator(), false).anyMatch(a -> audience.equals(a.asText()))
                : audience.equals(aud.asText()));
        if (!audienceMatches) {
            return false;
        }
        JsonNode exp = claims.get("exp");
        if (exp == null || !exp.isNumber() || exp.asLong() <= now - skew) {
            return false;
        }
        return notAfterNow(claims.get("nbf"), now + skew) && notAfterNow(claims.get("iat"), now + skew);
    }

    /** An absent claim passes; a present one must be a number not later than {@code limit}. */
    private static boolean notAfterNow(JsonNode claim, long limit) {
        return claim == null || (claim.isNumber() && claim.asLong() <= limit);
    }
}

package io.canopy.shared.security;

import io.canopy.shared.error.ApiException;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.canopy.shared.security.JsonFields.text;

/**
 * Checks a bearer token the way every function must, whatever the gateway already did: a JWS signed with RS256 by a
 * key identity publishes (chosen by {@code kid}), issued by {@code canopy.issuer} for {@code canopy.audience}, with an
 * expiry in the future, a not-before (if any) in the past and a user id as subject. Anything else is a 401 that says
 * which check failed, and never echoes the token.
 *
 * <p>The token is read here with the JDK's RSA and the application's JSON mapper rather than a JOSE library: it is one
 * algorithm, chosen by us, and such a library adds about 200 classes to every cold start and 0.7 MB to every artifact
 * (docs/BENCHMARKS.md). What is accepted is deliberately narrow: a compact JWS (RFC 7515) whose header names
 * {@code alg: RS256} and no {@code crit} parameters, and whose payload is a JSON object of claims (RFC 7519).
 */
@Singleton
public class BearerTokens {

    /** Identity's tokens are about 1 KB; anything far longer is not one of them (and is not worth parsing). */
    static final int MAX_TOKEN_CHARS = 8 * 1024;
    private static final String INVALID_SIGNATURE = "The bearer token's signature is not valid.";
    private static final String NOT_A_SIGNED_JWT = "The bearer token is not a signed JWT.";
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    /** A compact JWS, decoded: its header and claims are JSON objects, its signature not yet checked. */
    private record Jws(JsonNode header, JsonNode claims, byte[] signingInput, byte[] signature) {

        String algorithm() {
            return text(header, "alg");
        }
    }

    private final TokenKeys keys;
    private final JsonMapper json;
    private final VerifiedSignatures verifiedSignatures;
    private final Clock clock;
    private final String issuer;
    private final String audience;

    /**
     * Checks against the system clock. Deployed, the {@link Clock} bean is the system clock too; but tests fix that
     * bean to dates of their choosing while test-support signs their tokens with the real time.
     */
    @Inject
    public BearerTokens(TokenKeys keys, JsonMapper json, @Value("${canopy.issuer}") String issuer,
                        @Value("${canopy.audience}") String audience) {
        this(keys, json, Clock.systemUTC(), issuer, audience);
    }

    BearerTokens(TokenKeys keys, JsonMapper json, Clock clock, String issuer, String audience) {
        this.keys = keys;
        this.json = json;
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
        Optional<JsonNode> remembered = verifiedSignatures.claimsOf(token);
        if (remembered.isPresent()) {
            // This exact string was decoded and its signature checked less than a minute ago.
            return callerOf(remembered.get());
        }
        Jws jws = decode(token);
        checkSignature(jws);
        verifiedSignatures.remember(token, jws.claims());
        return callerOf(jws.claims());
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
            new BearerTokens(keyId -> Optional.of(madeUpKey), json, clock, issuer, audience).verify(token);
            throw new IllegalStateException("A made-up signature was accepted");
        } catch (ApiException refused) {
            if (!INVALID_SIGNATURE.equals(refused.getMessage())) {
                // Refused before the RSA check: priming would warm less than it claims.
                throw new IllegalStateException("The made-up token was refused early: " + refused.getMessage());
            }
            return refused.getMessage();
        }
    }

    /** Three base64url parts, the first two JSON objects; {@code alg: none} is no signed JWT either. */
    private Jws decode(String token) {
        int headerEnd = token.indexOf('.');
        int claimsEnd = headerEnd < 0 ? -1 : token.indexOf('.', headerEnd + 1);
        if (claimsEnd < 0 || token.indexOf('.', claimsEnd + 1) >= 0) {
            throw refused(NOT_A_SIGNED_JWT);
        }
        Optional<JsonNode> header = jsonObject(token.substring(0, headerEnd));
        Optional<JsonNode> claims = jsonObject(token.substring(headerEnd + 1, claimsEnd));
        Optional<byte[]> signature = base64url(token.substring(claimsEnd + 1));
        if (header.isEmpty() || claims.isEmpty() || signature.isEmpty()) {
            throw refused(NOT_A_SIGNED_JWT);
        }
        Jws jws = new Jws(header.get(), claims.get(), token.substring(0, claimsEnd).getBytes(StandardCharsets.US_ASCII),
                signature.get());
        if (jws.algorithm() == null || "none".equals(jws.algorithm())) {
            throw refused(NOT_A_SIGNED_JWT);
        }
        return jws;
    }

    private Optional<JsonNode> jsonObject(String part) {
        Optional<byte[]> bytes = base64url(part);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode node = json.readValue(bytes.get(), JsonNode.class);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> base64url(String part) {
        try {
            return Optional.of(BASE64URL.decode(part));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void checkSignature(Jws jws) {
        if (!"RS256".equals(jws.algorithm())) {
            throw refused("The bearer token must be signed with RS256.");
        }
        if (jws.header().get("crit") != null) {
            // RFC 7515 4.1.11: a token whose critical parameters are not understood must be refused; none are.
            throw refused("The bearer token names critical header parameters this API does not support.");
        }
        String keyId = text(jws.header(), "kid");
        Optional<RSAPublicKey> key = keyId == null ? Optional.empty() : keys.find(keyId);
        if (key.isEmpty()) {
            throw refused("The bearer token is not signed by a known key.");
        }
        if (!rs256Holds(key.get(), jws)) {
            throw refused(INVALID_SIGNATURE);
        }
    }

    private static boolean rs256Holds(RSAPublicKey key, Jws jws) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update(jws.signingInput());
            return rsa.verify(jws.signature());
        } catch (InvalidKeyException | SignatureException e) {
            return false; // a key unfit for RS256, or a signature of the wrong length
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA256withRSA", e);
        }
    }

    private Caller callerOf(JsonNode claims) {
        long now = clock.millis();
        if (!issuer.equals(text(claims, "iss"))) {
            throw refused("The bearer token is not issued by " + issuer + ".");
        }
        if (!strings(claims.get("aud")).contains(audience)) {
            throw refused("The bearer token is not meant for this API.");
        }
        Double expiry = numericDate(claims, "exp");
        if (expiry == null || expiry <= now) {
            throw refused("The bearer token has expired.");
        }
        Double notBefore = numericDate(claims, "nbf");
        if (notBefore != null && notBefore > now) {
            throw refused("The bearer token is not valid yet.");
        }
        UUID id;
        try {
            id = UUID.fromString(String.valueOf(text(claims, "sub")));
        } catch (IllegalArgumentException e) {
            throw refused("The bearer token's subject is not a user id.");
        }
        return new Caller(id, text(claims, Claims.EMAIL), Set.copyOf(strings(claims.get(Claims.ROLES))),
                Set.copyOf(strings(claims.get(Claims.PERMISSIONS))));
    }

    /**
     * A NumericDate claim (seconds since the epoch, RFC 7519 2) in milliseconds, or null if it is absent. A double
     * holds today's milliseconds exactly, and a number too large for it becomes an infinity, which still compares.
     */
    private static Double numericDate(JsonNode claims, String name) {
        JsonNode seconds = claims.get(name);
        if (seconds == null) {
            return null;
        }
        if (!seconds.isNumber()) {
            throw refused("The bearer token's " + name + " claim is not a number of seconds.");
        }
        return seconds.getDoubleValue() * 1000;
    }

    /** A claim that is one string or an array of them (aud, roles, permissions); anything else names none. */
    private static List<String> strings(JsonNode claim) {
        if (claim == null) {
            return List.of();
        }
        if (claim.isString()) {
            return List.of(claim.getStringValue());
        }
        List<String> values = new ArrayList<>();
        if (claim.isArray()) {
            claim.values().forEach(value -> {
                if (value.isString()) {
                    values.add(value.getStringValue());
                }
            });
        }
        return values;
    }

    private static ApiException refused(String detail) {
        return ApiException.unauthorized(detail);
    }
}

package io.canopy.shared.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.canopy.shared.error.ApiException;
import io.canopy.testsupport.MovableClock;
import io.canopy.testsupport.TestTokens;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BearerTokensTest {

    private static final UUID ALICE = UUID.fromString("5b0c3c1e-8d3a-4a57-9d43-3f0f0e7f2a11");

    private final MovableClock clock = new MovableClock(Instant.now());
    private final AtomicInteger keyLookups = new AtomicInteger();
    private final TokenKeys keys = keyId -> {
        keyLookups.incrementAndGet();
        return keyId.equals(TestTokens.key().getKeyID()) ? Optional.of(publicKey(TestTokens.key())) : Optional.empty();
    };
    private final BearerTokens tokens = new BearerTokens(keys, JsonMapper.createDefault(), clock, TestTokens.ISSUER, TestTokens.AUDIENCE);

    @Test
    void aGenuineToken_becomesItsCaller() {
        Caller caller = tokens.verify(TestTokens.builder(ALICE).roles("user", "admin").permissions("time", "x").sign());

        assertEquals(ALICE, caller.id());
        assertEquals(ALICE + "@example.com", caller.email());
        assertEquals(Set.of("user", "admin"), caller.roles());
        assertEquals(Set.of("time", "x"), caller.permissions());
    }

    @Test
    void theSameGenuineToken_hasItsSignatureCheckedOnceAMinute_butItsExpiryEveryTime() {
        // GIVEN a token that expires in 90 s
        String token = TestTokens.builder(ALICE).expiresAt(clock.instant().plusSeconds(90)).sign();
        // WHEN it is sent twice
        Caller first = tokens.verify(token);
        Caller second = tokens.verify(token);
        // THEN its signature was checked (and its key looked up) once, and the remembered claims name the same caller
        assertEquals(1, keyLookups.get());
        assertEquals(first, second);
        // AND a minute later it is checked again
        clock.advance(VerifiedSignatures.LIFETIME);
        tokens.verify(token);
        assertEquals(2, keyLookups.get());
        // AND a remembered signature does not outlive the token's expiry
        clock.advance(Duration.ofSeconds(30));
        assertRefused(token, "The bearer token has expired.");
    }

    @Test
    void primeSignatureCheck_reachesTheRsaCheck_withoutThisFunctionsKeys() {
        // WHEN SnapStart priming runs the check on its made-up token
        String refusal = tokens.primeSignatureCheck();

        // THEN it got as far as the signature arithmetic (the last check before the claims), asking the real keys nothing
        assertEquals("The bearer token's signature is not valid.", refusal);
        assertEquals(0, keyLookups.get());
        // AND genuine tokens are checked as before
        assertEquals(ALICE, tokens.verify(TestTokens.builder(ALICE).sign()).id());
    }

    @Test
    void aForgedSignatureOnARememberedToken_isStillRefused() {
        // GIVEN a genuine token, remembered
        String genuine = TestTokens.builder(ALICE).sign();
        tokens.verify(genuine);
        // WHEN the same header and claims come with another key's signature
        String other = TestTokens.builder(ALICE).signedByUnknownKey().sign();
        String forged = genuine.substring(0, genuine.lastIndexOf('.') + 1) + other.substring(other.lastIndexOf('.') + 1);
        // THEN it is checked in full and refused, every time
        assertRefused(forged, "The bearer token's signature is not valid.");
        assertRefused(forged, "The bearer token's signature is not valid.");
        assertEquals(3, keyLookups.get());
    }

    @Test
    void atMostCapacitySignaturesAreRemembered_theLeastRecentlyUsedGoFirst() {
        VerifiedSignatures signatures = new VerifiedSignatures(clock);
        JsonNode claims = JsonNode.createObjectNode(Map.of("sub", JsonNode.createStringNode("someone")));
        signatures.remember("first", claims);
        for (int i = 0; i < VerifiedSignatures.CAPACITY + 10; i++) {
            signatures.remember("token-" + i, claims);
        }
        assertEquals(VerifiedSignatures.CAPACITY, signatures.size());
        assertTrue(signatures.claimsOf("first").isEmpty());
        assertEquals(Optional.of(claims), signatures.claimsOf("token-" + (VerifiedSignatures.CAPACITY + 9)));
    }

    @Test
    void aTokenSignedByAKeyNobodyPublished_isRefused() {
        // The test-support forger reuses the genuine kid, so the known key is found and the signature fails.
        assertRefused(TestTokens.builder(ALICE).signedByUnknownKey().sign(), "The bearer token's signature is not valid.");
    }

    @Test
    void aTokenNamingAnUnknownKeyOrNone_isRefused() throws Exception {
        assertRefused(rs256("someone-elses", claims()), "The bearer token is not signed by a known key.");
        assertRefused(rs256(null, claims()), "The bearer token is not signed by a known key.");
    }

    @Test
    void anUnsignedToken_isRefused() {
        assertRefused(TestTokens.builder(ALICE).unsigned(), "The bearer token is not a signed JWT.");
    }

    @Test
    void anHmacTokenKeyedWithThePublicKey_isRefused() throws Exception {
        // The classic algorithm confusion: HS256 with the RSA public key's bytes as the shared secret.
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(TestTokens.key().getKeyID()).build(),
                claims().build());
        jwt.sign(new MACSigner(publicKey(TestTokens.key()).getEncoded()));
        assertRefused(jwt.serialize(), "The bearer token must be signed with RS256.");
    }

    @Test
    void anExpiredToken_orOneWithoutExpiry_isRefused() throws Exception {
        assertRefused(TestTokens.builder(ALICE).expiresAt(clock.instant().minusSeconds(1)).sign(), "The bearer token has expired.");
        assertRefused(rs256(TestTokens.key().getKeyID(), claims().expirationTime(null)), "The bearer token has expired.");
    }

    @Test
    void aTokenNotValidYet_isRefused() {
        assertRefused(TestTokens.builder(ALICE).notBefore(clock.instant().plusSeconds(60)).sign(), "The bearer token is not valid yet.");
    }

    @Test
    void anotherIssuersToken_isRefused() {
        assertRefused(TestTokens.builder(ALICE).issuer("https://evil.example").sign(),
                "The bearer token is not issued by " + TestTokens.ISSUER + ".");
    }

    @Test
    void anotherAudiencesToken_isRefused() {
        assertRefused(TestTokens.builder(ALICE).audience("other-api").sign(), "The bearer token is not meant for this API.");
    }

    @Test
    void aSubjectThatIsNoUserId_isRefused() throws Exception {
        assertRefused(rs256(TestTokens.key().getKeyID(), claims().subject("admin")), "The bearer token's subject is not a user id.");
        assertRefused(rs256(TestTokens.key().getKeyID(), claims().subject(null)), "The bearer token's subject is not a user id.");
    }

    @Test
    void aTokenWithoutEmailRolesOrPermissions_hasNone() throws Exception {
        Caller caller = tokens.verify(rs256(TestTokens.key().getKeyID(), claims()));

        assertNull(caller.email());
        assertEquals(Set.of(), caller.roles());
        assertEquals(Set.of(), caller.permissions());
    }

    @Test
    void garbage_isRefused() {
        for (String token : List.of("", "garbage", "a.b.c", "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln")) {
            assertRefused(token, "The bearer token is not a signed JWT.");
        }
        assertEquals(0, keyLookups.get());
    }

    @Test
    void tokensOfOtherThanThreeParts_areRefused_beforeAnyKeyIsLookedUp() throws Exception {
        String genuine = TestTokens.builder(ALICE).sign();
        for (String token : List.of(genuine + ".x", genuine.substring(0, genuine.lastIndexOf('.')), "a.b.c.d.e")) {
            assertRefused(token, "The bearer token is not a signed JWT.");
        }
        assertEquals(0, keyLookups.get());
    }

    @Test
    void aSignatureOfTheWrongLength_isAnInvalidSignature() {
        String genuine = TestTokens.builder(ALICE).sign();
        assertRefused(genuine.substring(0, genuine.lastIndexOf('.') + 1) + "AAAA", "The bearer token's signature is not valid.");
        assertRefused(genuine.substring(0, genuine.lastIndexOf('.') + 1), "The bearer token's signature is not valid.");
    }

    @Test
    void aGenuinelySignedTokenWithCriticalHeaderParameters_isRefused() throws Exception {
        // RFC 7515 4.1.11: critical parameters the recipient does not understand make the token invalid.
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(TestTokens.key().getKeyID())
                .criticalParams(Set.of("exp")).build();
        SignedJWT jwt = new SignedJWT(header, claims().build());
        jwt.sign(new RSASSASigner(TestTokens.key()));

        assertRefused(jwt.serialize(), "The bearer token names critical header parameters this API does not support.");
    }

    @Test
    void numericDatesThatAreNotNumbers_areRefused() throws Exception {
        String exp = "{\"iss\":\"%s\",\"aud\":\"%s\",\"sub\":\"%s\",\"exp\":\"tomorrow\"}";
        assertRefused(signRaw(exp.formatted(TestTokens.ISSUER, TestTokens.AUDIENCE, ALICE)),
                "The bearer token's exp claim is not a number of seconds.");
        String nbf = "{\"iss\":\"%s\",\"aud\":\"%s\",\"sub\":\"%s\",\"exp\":%d,\"nbf\":[1]}";
        assertRefused(signRaw(nbf.formatted(TestTokens.ISSUER, TestTokens.AUDIENCE, ALICE, clock.instant().getEpochSecond() + 60)),
                "The bearer token's nbf claim is not a number of seconds.");
    }

    @Test
    void anAudienceList_farFutureExpiries_andAFractionalOne_areRead() throws Exception {
        String claims = "{\"iss\":\"%s\",\"aud\":[\"other-api\",\"%s\"],\"sub\":\"%s\",\"exp\":%s,\"roles\":[\"user\",7]}";
        for (String farFuture : List.of("1e30", "100000000000000000000000000000", "1e400")) {
            Caller caller = tokens.verify(signRaw(claims.formatted(TestTokens.ISSUER, TestTokens.AUDIENCE, ALICE, farFuture)));
            assertEquals(ALICE, caller.id());
            assertEquals(Set.of("user"), caller.roles());
        }
        assertRefused(signRaw(claims.formatted(TestTokens.ISSUER, TestTokens.AUDIENCE, ALICE, "-1e400")), "The bearer token has expired.");

        // exp keeps its fraction: a token expiring at S.5 is valid at S.4 and expired at S.6
        long second = clock.instant().getEpochSecond() + 2;
        String token = signRaw(claims.formatted(TestTokens.ISSUER, TestTokens.AUDIENCE, ALICE, second + ".5"));
        clock.advance(Duration.between(clock.instant(), Instant.ofEpochSecond(second, 400_000_000)));
        assertEquals(ALICE, tokens.verify(token).id());
        clock.advance(Duration.ofMillis(200));
        assertRefused(token, "The bearer token has expired.");
    }

    @Test
    void anOverlongToken_isRefusedBeforeParsing() {
        assertRefused("a".repeat(BearerTokens.MAX_TOKEN_CHARS + 1), "The bearer token is too long.");
    }

    private JWTClaimsSet.Builder claims() {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder().issuer(TestTokens.ISSUER).audience(TestTokens.AUDIENCE).subject(ALICE.toString())
                .notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(900)));
    }

    /** Claims exactly as written, which the JOSE library's typed claims cannot express, signed RS256 with the test key. */
    private static String signRaw(String claimsJson) throws Exception {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = base64.encodeToString(("{\"alg\":\"RS256\",\"kid\":\"" + TestTokens.key().getKeyID() + "\"}")
                .getBytes(StandardCharsets.UTF_8)) + "." + base64.encodeToString(
                claimsJson.getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(TestTokens.key().toRSAPrivateKey());
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + base64.encodeToString(rsa.sign());
    }

    private static String rs256(String keyId, JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims.build());
        jwt.sign(new RSASSASigner(TestTokens.key()));
        return jwt.serialize();
    }

    private void assertRefused(String token, String detail) {
        ApiException refused = assertThrows(ApiException.class, () -> tokens.verify(token));
        assertEquals(HttpStatus.UNAUTHORIZED, refused.status());
        assertEquals(detail, refused.getMessage());
    }

    private static RSAPublicKey publicKey(RSAKey key) {
        try {
            return key.toRSAPublicKey();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

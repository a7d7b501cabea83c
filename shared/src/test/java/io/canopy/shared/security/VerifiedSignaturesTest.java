package io.canopy.shared.security;

import io.canopy.testsupport.MovableClock;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenSignatureValidator;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifiedSignaturesTest {

    private static final KeyPair KEYS = rsa();
    private static final KeyPair OTHER_KEYS = rsa();

    private final AtomicInteger checks = new AtomicInteger();
    private final RSASSAVerifier verifier = new RSASSAVerifier((RSAPublicKey) KEYS.getPublic());
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T12:00:00Z"));
    private final VerifiedSignatures signatures = new VerifiedSignatures(token -> {
        checks.incrementAndGet();
        try {
            return Mono.just(token.verify(verifier));
        } catch (JOSEException e) {
            return Mono.just(false);
        }
    }, clock);

    @Test
    void theSameGenuineToken_isCheckedOnceAMinute() throws Exception {
        String token = sign(KEYS, "alice");

        assertTrue(valid(token));
        assertTrue(valid(token));
        assertEquals(1, checks.get());

        clock.advance(VerifiedSignatures.LIFETIME);
        assertTrue(valid(token));
        assertEquals(2, checks.get());
    }

    @Test
    void aForgedSignatureOnARememberedToken_isStillRefused_andNeverRemembered() throws Exception {
        // GIVEN a genuine token, remembered
        String genuine = sign(KEYS, "alice");
        assertTrue(valid(genuine));
        // WHEN the same header and claims come signed by another key, twice
        String forged = genuine.substring(0, genuine.lastIndexOf('.') + 1)
                + sign(OTHER_KEYS, "alice").substring(genuine.lastIndexOf('.') + 1);
        // THEN both are checked in full and refused
        assertFalse(valid(forged));
        assertFalse(valid(forged));
        assertEquals(3, checks.get());
        assertEquals(1, signatures.size());
    }

    @Test
    void atMostCapacityTokensAreRemembered() throws Exception {
        for (int i = 0; i < VerifiedSignatures.CAPACITY + 10; i++) {
            assertTrue(valid(sign(KEYS, "user-" + i)));
        }
        assertEquals(VerifiedSignatures.CAPACITY, signatures.size());
    }

    @Test
    void micronautSecurity_checksSignaturesThroughIt() {
        try (ApplicationContext context = ApplicationContext.run()) {
            Object validator = context.getBean(Argument.of(ReactiveJsonWebTokenSignatureValidator.class, SignedJWT.class));
            assertInstanceOf(VerifiedSignatures.class, validator);
        }
    }

    private boolean valid(String token) throws ParseException {
        return Boolean.TRUE.equals(Mono.from(signatures.validateSignature(SignedJWT.parse(token))).block());
    }

    private static String sign(KeyPair keys, String subject) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder().subject(subject).build());
        jwt.sign(new RSASSASigner(keys.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

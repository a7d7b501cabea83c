package io.canopy.shared.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import io.canopy.testsupport.MovableClock;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a real JWKS endpoint on loopback whose answer each test sets. */
class JwksTokenKeysTest {

    private static final RSAKey OLD_KEY = generate("old");
    private static final RSAKey NEW_KEY = generate("new");

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T12:00:00Z"));
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile int status = 200;
    private volatile String body = new JWKSet(OLD_KEY.toPublicJWK()).toString();
    private final HttpServer server = start();
    private final JwksTokenKeys keys = new JwksTokenKeys("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json", JsonMapper.createDefault(), clock);

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theKeySetIsFetchedOnce_andKeptForAMinute() throws Exception {
        assertEquals(OLD_KEY.toRSAPublicKey(), keys.find("old").orElseThrow());
        clock.advance(JwksTokenKeys.LIFETIME.minusSeconds(1));
        assertTrue(keys.find("old").isPresent());
        assertEquals(1, fetches.get());
    }

    @Test
    void aKeyTakenOutOfTheSet_isRefusedOnceTheMinuteIsOver() {
        assertTrue(keys.find("old").isPresent());
        // WHEN identity rotates to the new key only
        body = new JWKSet(NEW_KEY.toPublicJWK()).toString();
        clock.advance(JwksTokenKeys.LIFETIME);
        // THEN the old key is gone and the new one found, from one more fetch
        assertFalse(keys.find("old").isPresent());
        assertTrue(keys.find("new").isPresent());
        assertEquals(2, fetches.get());
    }

    @Test
    void anUnknownKeyId_fetchesAgain_butAtMostOnceInTheRetryInterval() {
        assertTrue(keys.find("old").isPresent());
        clock.advance(JwksTokenKeys.RETRY_INTERVAL);
        // GIVEN a flood of made-up key ids
        for (int i = 0; i < 20; i++) {
            assertFalse(keys.find("made-up-" + i).isPresent());
        }
        // THEN one fetch served them all
        assertEquals(2, fetches.get());
        // AND a key published meanwhile is found after the interval
        body = new JWKSet(java.util.List.of(OLD_KEY.toPublicJWK(), NEW_KEY.toPublicJWK())).toString();
        assertFalse(keys.find("new").isPresent());
        clock.advance(JwksTokenKeys.RETRY_INTERVAL);
        assertTrue(keys.find("new").isPresent());
        assertEquals(3, fetches.get());
    }

    @Test
    void whenTheJwksFails_theLastKnownKeysStayInUse() {
        assertTrue(keys.find("old").isPresent());
        status = 500;
        clock.advance(JwksTokenKeys.LIFETIME);
        assertTrue(keys.find("old").isPresent());
        assertEquals(2, fetches.get());
        // AND an unreadable answer is no better than an error
        status = 200;
        body = "{\"keys\": \"not a list\"}";
        clock.advance(JwksTokenKeys.LIFETIME);
        assertTrue(keys.find("old").isPresent());
        assertEquals(3, fetches.get());
    }

    @Test
    void anRsaKeyWithoutAModulus_failsTheWholeFetch_andTheKnownKeysStay() {
        assertTrue(keys.find("old").isPresent());
        body = "{\"keys\": [{\"kty\": \"RSA\", \"kid\": \"new\", \"e\": \"AQAB\"}]}";
        clock.advance(JwksTokenKeys.LIFETIME);

        assertTrue(keys.find("old").isPresent());
        assertFalse(keys.find("new").isPresent());
        // AND an answer that is not JSON at all, the same
        body = "<html>maintenance</html>";
        clock.advance(JwksTokenKeys.LIFETIME);
        assertTrue(keys.find("old").isPresent());
    }

    @Test
    void keysOfOtherTypes_areSkipped() throws Exception {
        String ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate()
                .toPublicJWK().toJSONString();
        body = "{\"keys\": [" + ec + ", " + NEW_KEY.toPublicJWK().toJSONString() + "]}";

        assertFalse(keys.find("ec").isPresent());
        assertEquals(NEW_KEY.toRSAPublicKey(), keys.find("new").orElseThrow());
    }

    @Test
    void beforeAnyGoodFetch_noKeyIsKnown_andAFailedFetchIsRetriedAfterASecond() {
        // GIVEN identity still starting
        status = 503;
        assertFalse(keys.find("old").isPresent());
        assertFalse(keys.find("old").isPresent());
        assertEquals(1, fetches.get());
        // WHEN it answers, a second later
        status = 200;
        clock.advance(JwksTokenKeys.RETRY_AFTER_FAILURE);
        // THEN the next request fetches the keys
        assertTrue(keys.find("old").isPresent());
        assertEquals(2, fetches.get());
    }

    @Test
    void encryptionKeys_andKeysWithoutId_areNotSigningKeys() throws Exception {
        RSAKey encryption = new RSAKeyGenerator(2048).keyID("enc").keyUse(KeyUse.ENCRYPTION).generate();
        RSAKey anonymous = new RSAKeyGenerator(2048).generate();
        body = new JWKSet(java.util.List.of(encryption.toPublicJWK(), anonymous.toPublicJWK(), OLD_KEY.toPublicJWK())).toString();

        assertFalse(keys.find("enc").isPresent());
        assertTrue(keys.find("old").isPresent());
    }

    private HttpServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.createContext("/jwks.json", exchange -> {
                fetches.incrementAndGet();
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

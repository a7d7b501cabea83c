package io.canopy.local.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.canopy.testsupport.MovableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Against a real HTTP issuer serving openid-configuration and a JWKS, as the identity function does. */
class JwtAuthorizerTest {

    private static final Instant NOW = Instant.parse("2026-11-22T09:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static RSAKey signingKey;
    private static HttpServer issuerServer;
    private static String issuer;
    private static final AtomicInteger jwksFetches = new AtomicInteger();
    /** What the issuer publishes; a test may rotate keys in. */
    private static final AtomicReference<JWKSet> published = new AtomicReference<>();

    @BeforeAll
    static void startIssuer() throws Exception {
        signingKey = new RSAKeyGenerator(2048).keyID("key-1").generate();
        published.set(new JWKSet(signingKey.toPublicJWK()));
        issuerServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer = "http://127.0.0.1:" + issuerServer.getAddress().getPort();
        issuerServer.createContext("/.well-known/openid-configuration", exchange ->
                respond(exchange, "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/.well-known/jwks.json\"}"));
        issuerServer.createContext("/.well-known/jwks.json", exchange -> {
            jwksFetches.incrementAndGet();
            respond(exchange, published.get().toString());
        });
        issuerServer.start();
    }

    @AfterAll
    static void stopIssuer() {
        issuerServer.stop(0);
    }

    private final JwtAuthorizer authorizer = new JwtAuthorizer(issuer, "canopy", new JwksKeys(URI.create(issuer), CLOCK), CLOCK);

    @Test
    void authorize_returnsClaims_whenTokenIsValid() throws Exception {
        // WHEN
        Optional<ObjectNode> claims = authorizer.authorize("Bearer " + token(b -> b));

        // THEN
        assertThat(claims).get().satisfies(c -> {
            assertThat(c.path("sub").asText()).isEqualTo("user-1");
            assertThat(c.path("permissions").toString()).isEqualTo("[\"time\"]");
        });
    }

    @Test
    void authorize_returnsEmpty_whenHeaderIsMissingOrMalformed() {
        assertThat(authorizer.authorize(null)).isEmpty();
        assertThat(authorizer.authorize("Basic dXNlcjpwYXNz")).isEmpty();
        assertThat(authorizer.authorize("Bearer not.a.jwt")).isEmpty();
        assertThat(authorizer.authorize("Bearer ")).isEmpty();
    }

    @Test
    void authorize_returnsEmpty_whenSignedByAnotherKeyWithSameKid() throws Exception {
        // GIVEN a token signed by another key under our kid
        RSAKey attacker = new RSAKeyGenerator(2048).keyID("key-1").generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("key-1").build(), claims(b -> b).build());
        forged.sign(new RSASSASigner(attacker));

        // WHEN / THEN
        assertThat(authorizer.authorize("Bearer " + forged.serialize())).isEmpty();
    }

    @Test
    void authorize_returnsEmpty_whenPayloadIsTampered() throws Exception {
        // GIVEN a valid token whose payload is swapped for one claiming admin
        String[] parts = token(b -> b).split("\\.");
        String admin = Base64URL.encode(claims(b -> b.claim("roles", List.of("admin"))).build().toString()).toString();

        // WHEN / THEN
        assertThat(authorizer.authorize("Bearer " + parts[0] + "." + admin + "." + parts[2])).isEmpty();
    }

    @Test
    void authorize_returnsEmpty_whenAlgIsNoneOrHmac() throws Exception {
        // GIVEN
        String none = new PlainJWT(claims(b -> b).build()).serialize();
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("key-1").build(), claims(b -> b).build());
        hmac.sign(new MACSigner(new byte[32]));

        // WHEN / THEN
        assertThat(authorizer.authorize("Bearer " + none)).isEmpty();
        assertThat(authorizer.authorize("Bearer " + hmac.serialize())).isEmpty();
    }

    @Test
    void authorize_returnsEmpty_whenTokenIsExpiredNotYetValidIssuedInFutureOrHasNoExpiry() throws Exception {
        assertThat(authorizer.authorize("Bearer " + token(b -> b.expirationTime(Date.from(NOW.minusSeconds(31)))))).isEmpty();
        assertThat(authorizer.authorize("Bearer " + token(b -> b.notBeforeTime(Date.from(NOW.plusSeconds(120)))))).isEmpty();
        assertThat(authorizer.authorize("Bearer " + token(b -> b.issueTime(Date.from(NOW.plusSeconds(120)))))).isEmpty();
        assertThat(authorizer.authorize("Bearer " + token(b -> b.expirationTime(null)))).isEmpty();
    }

    @Test
    void authorize_acceptsToken_whenExpiryAndIssueTimeAreWithinClockSkew() throws Exception {
        assertThat(authorizer.authorize("Bearer " + token(b -> b.expirationTime(Date.from(NOW.minusSeconds(10)))
                .issueTime(Date.from(NOW.plusSeconds(10)))))).isPresent();
    }

    @Test
    void authorize_returnsEmpty_whenAudienceOrIssuerIsWrong_andAcceptsAudienceListContainingOurs() throws Exception {
        assertThat(authorizer.authorize("Bearer " + token(b -> b.audience("someone-else")))).isEmpty();
        assertThat(authorizer.authorize("Bearer " + token(b -> b.issuer("http://evil.example")))).isEmpty();
        assertThat(authorizer.authorize("Bearer " + token(b -> b.audience(List.of("other", "canopy"))))).isPresent();
    }

    @Test
    void authorize_returnsEmptyWithoutRefetchingKeys_whenUnknownKidArrivesWithinRefetchInterval() throws Exception {
        // GIVEN a fresh authorizer and a token under a kid the issuer does not publish
        JwtAuthorizer fresh = new JwtAuthorizer(issuer, "canopy", new JwksKeys(URI.create(issuer), CLOCK), CLOCK);
        int before = jwksFetches.get();
        SignedJWT unknownKid = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("key-2").build(), claims(b -> b).build());
        unknownKid.sign(new RSASSASigner(signingKey));

        // WHEN the first token fetches the keys, then the unknown kid arrives twice at the same instant
        assertThat(fresh.authorize("Bearer " + token(b -> b))).isPresent();
        assertThat(fresh.authorize("Bearer " + unknownKid.serialize())).isEmpty();
        assertThat(fresh.authorize("Bearer " + unknownKid.serialize())).isEmpty();

        // THEN the keys were fetched once
        assertThat(jwksFetches.get() - before).isEqualTo(1);
    }

    @Test
    void authorize_acceptsARotatedInKey_afterOneRefetch_whenTheRefetchIntervalHasPassed() throws Exception {
        // GIVEN an authorizer that has fetched the keys once (key-1), and a clock we move
        MovableClock clock = new MovableClock(NOW);
        JwtAuthorizer fresh = new JwtAuthorizer(issuer, "canopy", new JwksKeys(URI.create(issuer), clock), clock);
        assertThat(fresh.authorize("Bearer " + token(b -> b))).isPresent();
        RSAKey rotated = new RSAKeyGenerator(2048).keyID("key-2").generate();
        SignedJWT newKeyToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("key-2").build(), claims(b -> b).build());
        newKeyToken.sign(new RSASSASigner(rotated));
        published.set(new JWKSet(List.of(signingKey.toPublicJWK(), rotated.toPublicJWK())));
        try {
            int before = jwksFetches.get();
            // WHEN the issuer starts signing with key-2 and the interval has passed
            clock.advance(JwksKeys.REFETCH_INTERVAL.plusSeconds(1));
            Optional<ObjectNode> first = fresh.authorize("Bearer " + newKeyToken.serialize());
            Optional<ObjectNode> second = fresh.authorize("Bearer " + newKeyToken.serialize());

            // THEN the new key is fetched once and both tokens pass
            assertThat(first).isPresent();
            assertThat(second).isPresent();
            assertThat(jwksFetches.get() - before).isEqualTo(1);
        } finally {
            published.set(new JWKSet(signingKey.toPublicJWK()));
        }
    }

    private static String token(UnaryOperator<JWTClaimsSet.Builder> customize) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("key-1").type(JOSEObjectType.JWT).build(),
                claims(customize).build());
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }

    private static JWTClaimsSet.Builder claims(UnaryOperator<JWTClaimsSet.Builder> customize) {
        return customize.apply(new JWTClaimsSet.Builder()
                .issuer(issuer).audience("canopy").subject("user-1")
                .issueTime(Date.from(NOW.minusSeconds(60))).expirationTime(Date.from(NOW.plusSeconds(600)))
                .claim("permissions", List.of("time")));
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

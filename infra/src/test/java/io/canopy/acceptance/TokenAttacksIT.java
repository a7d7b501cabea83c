package io.canopy.acceptance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.canopy.acceptance.Deployment.User;
import io.canopy.local.LocalRuntime;
import io.canopy.local.gateway.GatewayRequest;
import io.canopy.local.gateway.GatewayResponse;
import io.canopy.local.gateway.PayloadV2Events;
import io.canopy.local.gateway.PayloadV2Responses;
import io.canopy.local.gateway.Route;
import io.canopy.local.gateway.RouteMatch;
import io.canopy.local.lambda.InvocationResult;
import io.canopy.local.lambda.LocalFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Forged, altered and stale tokens (OWASP API2), each sent to every function DIRECTLY — a payload 2.0 event to its
 * Lambda handler with the gateway's authorizer bypassed — and through the gateway. Every function checks the token
 * itself, so each must answer 401.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenAttacksIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalRuntime runtime;
    private Deployment deployment;
    private RSAKey signingKey;
    private User victim;
    private Map<String, Function<User, String>> attacks;

    @BeforeAll
    void start() throws Exception {
        runtime = SharedRuntime.get();
        deployment = SharedRuntime.deployment();
        String kid = deployment.api().get("/.well-known/jwks.json", null).body().replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
        signingKey = readPkcs8(Files.readString(runtime.secrets().signingKeyFile()), kid);
        victim = deployment.newUser("victim");
        attacks = new LinkedHashMap<>();
        attacks.put("alg none", user -> new PlainJWT(claims(user).build()).serialize());
        attacks.put("HS256 signed with the public key", user -> hs256WithPublicKey(claims(user).build()));
        attacks.put("unknown kid", user -> sign(claims(user).build(), "not-our-key"));
        attacks.put("other issuer", user -> sign(claims(user).issuer("https://evil.example").build(), signingKey.getKeyID()));
        attacks.put("other audience", user -> sign(claims(user).audience("someone-else").build(), signingKey.getKeyID()));
        attacks.put("expired", user -> sign(claims(user).expirationTime(Date.from(Instant.now().minusSeconds(60))).build(), signingKey.getKeyID()));
        attacks.put("not yet valid", user -> sign(claims(user).notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build(), signingKey.getKeyID()));
        attacks.put("tampered payload", user -> tampered(user.token()));
        attacks.put("no signature", user -> user.token().substring(0, user.token().lastIndexOf('.') + 1));
        attacks.put("garbage", user -> "not.a.jwt");
    }

    @AfterAll
    void cleanUp() {
        deployment.deleteCreatedUsers();
    }

    @TestFactory
    Stream<DynamicTest> everyFunction_rejectsEveryForgedToken_evenWithoutTheGateway() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Route route : protectedGetRoutePerFunction()) {
            for (Map.Entry<String, Function<User, String>> attack : attacks.entrySet()) {
                tests.add(DynamicTest.dynamicTest(route.function() + " " + route.routeKey() + ": " + attack.getKey(), () -> {
                    String token = attack.getValue().apply(victim);
                    // Straight to the handler: only the function's own check stands in the way.
                    assertEquals(401, invokeDirectly(route, token).status(), "function accepted: " + attack.getKey());
                    // Through the gateway: its authorizer rejects it first.
                    assertEquals(401, deployment.api().get(concretePath(route), token).statusCode(), "gateway accepted: " + attack.getKey());
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void validToken_passesTheFunctionsOwnCheck_soTheAttacksAboveFailForTheRightReason() throws Exception {
        for (Route route : protectedGetRoutePerFunction()) {
            int status = invokeDirectly(route, victim.token()).status();
            assertEquals(false, status == 401, route.routeKey() + " refused a valid token: " + status);
        }
    }

    @Test
    void deletedUsersToken_isRefusedByIdentity_andUsedRefreshTokenIsRefused() {
        // GIVEN a user who rotated their refresh token, then deleted their account
        User user = deployment.newUser("deleted");
        var rotated = deployment.api().postJson("/auth/refresh", "{\"refresh_token\":\"" + user.refreshToken() + "\"}", null);
        assertEquals(200, rotated.statusCode(), rotated.body());
        var reused = deployment.api().postJson("/auth/refresh", "{\"refresh_token\":\"" + user.refreshToken() + "\"}", null);
        assertEquals(401, reused.statusCode(), reused.body());
        assertEquals(204, deployment.api().send("DELETE", "/users/me", null, user.token()).statusCode());

        // WHEN the still-unexpired access token is used at identity / THEN 401
        assertEquals(401, deployment.api().get("/users/me", user.token()).statusCode());
        assertEquals(401, deployment.api().get("/auth/valid?resource=time", user.token()).statusCode());
    }

    private List<Route> protectedGetRoutePerFunction() {
        Map<String, Route> perFunction = new LinkedHashMap<>();
        for (Route route : runtime.routes()) {
            if (route.jwtProtected() && route.method().equals("GET")) {
                perFunction.putIfAbsent(route.function(), route);
            }
        }
        return List.copyOf(perFunction.values());
    }

    private GatewayResponse invokeDirectly(Route route, String token) throws Exception {
        String path = concretePath(route);
        GatewayRequest request = new GatewayRequest("GET", path, "",
                Map.of("Authorization", List.of("Bearer " + token), "Host", List.of(runtime.baseUri().getAuthority())),
                new byte[0], "127.0.0.1", "HTTP/1.1");
        ObjectNode event = new PayloadV2Events(LocalFunction.ACCOUNT_ID, "local")
                .build(request, new RouteMatch(route.function(), false, route.routeKey(), Map.of()), null,
                        UUID.randomUUID().toString(), Instant.now());
        InvocationResult result = runtime.functions().get(route.function()).invoke(JSON.writeValueAsBytes(event));
        InvocationResult.Success success = assertInstanceOf(InvocationResult.Success.class, result);
        return PayloadV2Responses.map(success.payload());
    }

    private static String concretePath(Route route) {
        return route.pathTemplate().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }

    /** identity's own signing key, so claim checks (not the signature) are what these tokens test. */
    private static RSAKey readPkcs8(String pem, String kid) throws Exception {
        byte[] der = java.util.Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        java.security.KeyFactory rsa = java.security.KeyFactory.getInstance("RSA");
        var privateKey = (java.security.interfaces.RSAPrivateCrtKey) rsa.generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
        var publicKey = (RSAPublicKey) rsa.generatePublic(
                new java.security.spec.RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        return new RSAKey.Builder(publicKey).privateKey(privateKey).keyID(kid).build();
    }

    private JWTClaimsSet.Builder claims(User user) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject(user.id()).issuer(runtime.issuer()).audience("canopy")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString()).claim("email", user.email())
                .claim("roles", List.of("user", "admin")).claim("permissions", List.of("time"));
    }

    private String sign(JWTClaimsSet claims, String kid) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String hs256WithPublicKey(JWTClaimsSet claims) {
        try {
            RSAPublicKey publicKey = signingKey.toRSAPublicKey();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(signingKey.getKeyID()).build(), claims);
            jwt.sign(new MACSigner(publicKey.getEncoded()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The victim's real token with the payload changed to claim admin, signature kept. */
    private static String tampered(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8)
                .replace("\"roles\":[\"user\"]", "\"roles\":[\"user\",\"admin\"]");
        return parts[0] + "." + Base64URL.encode(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }
}

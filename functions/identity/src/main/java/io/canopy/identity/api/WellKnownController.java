package io.canopy.identity.api;

import io.canopy.identity.crypto.SigningKey;
import io.canopy.shared.security.Anonymous;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/**
 * OpenID discovery and the JWKS: what API Gateway's JWT authorizer (and every other function) reads to check
 * identity's tokens. Anonymous, built once, cacheable.
 */
@Controller("/.well-known")
@Anonymous
@Tag(name = "discovery")
public class WellKnownController {

    static final String CACHE_CONTROL = "public, max-age=300";

    private final OpenIdConfiguration configuration;
    private final JwkSet jwks;

    public WellKnownController(SigningKey signingKey, @Value("${canopy.issuer}") String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        this.configuration = new OpenIdConfiguration(issuer, base + "/.well-known/jwks.json", base + "/auth/token",
                List.of("password", "refresh_token"), List.of("RS256"), List.of("token"), List.of("public"),
                List.of("none"), List.of("iss", "aud", "sub", "exp", "iat", "nbf", "jti", "email", "roles", "permissions"));
        this.jwks = new JwkSet(List.of(signingKey.publicJwk()));
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record OpenIdConfiguration(String issuer, String jwksUri, String tokenEndpoint, List<String> grantTypesSupported,
                                      List<String> idTokenSigningAlgValuesSupported, List<String> responseTypesSupported,
                                      List<String> subjectTypesSupported, List<String> tokenEndpointAuthMethodsSupported,
                                      List<String> claimsSupported) {
    }

    @Serdeable
    public record JwkSet(List<Map<String, Object>> keys) {
    }

    @Get("/openid-configuration")
    @Operation(operationId = "getOpenIdConfiguration", summary = "OpenID Provider metadata (issuer, jwks_uri, token_endpoint)")
    public HttpResponse<OpenIdConfiguration> openIdConfiguration() {
        return HttpResponse.ok(configuration).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
    }

    @Get("/jwks.json")
    @Operation(operationId = "getJwks", summary = "The public keys that verify identity's access tokens (RS256)")
    public HttpResponse<JwkSet> jwks() {
        return HttpResponse.ok(jwks).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
    }
}

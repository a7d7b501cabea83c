package io.canopy.identity.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.OAuthFlow;
import io.swagger.v3.oas.annotations.security.OAuthFlows;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The identity group's OpenAPI document: the local gateway and Terraform take its routes from it. Protected
 * operations name {@code bearerAuth} or {@code oauth2} (the password flow lets Swagger UI sign in at
 * {@code /auth/token}); anonymous ones name no security at all.
 */
@OpenAPIDefinition(info = @Info(title = "canopy-identity", version = "0.1",
        description = "Registration, sign-in (RS256 JWT with rotating refresh tokens), profiles, permission checks and the JWKS"))
@SecurityScheme(name = IdentityApi.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
@SecurityScheme(name = IdentityApi.OAUTH2, type = SecuritySchemeType.OAUTH2,
        description = "Sign in with email (as username) and password",
        flows = @OAuthFlows(password = @OAuthFlow(tokenUrl = "/auth/token", refreshUrl = "/auth/token")))
final class IdentityApi {

    static final String BEARER = "bearerAuth";
    static final String OAUTH2 = "oauth2";

    private IdentityApi() {
    }
}

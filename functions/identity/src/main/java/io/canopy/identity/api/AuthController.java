package io.canopy.identity.api;

import io.canopy.identity.domain.AuthService;
import io.canopy.identity.domain.Registration;
import io.canopy.identity.domain.TokenPair;
import io.canopy.identity.domain.UserService;
import io.canopy.shared.error.ApiException;
import io.canopy.shared.error.FieldError;
import io.canopy.shared.http.ETags;
import io.canopy.shared.security.Anonymous;
import io.canopy.shared.security.Caller;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Register, sign in (JSON or OAuth2 form), refresh, and the permission check other services call. */
@Controller("/auth")
@Tag(name = "auth")
public class AuthController {

    private static final String GRANT_PASSWORD = "password";
    private static final String GRANT_REFRESH = "refresh_token";

    private final AuthService auth;
    private final UserService users;

    public AuthController(AuthService auth, UserService users) {
        this.auth = auth;
        this.users = users;
    }

    @Post("/register")
    @Anonymous
    @Operation(operationId = "register", summary = "Create an account (role user, permission time)")
    @ApiResponse(responseCode = "201", description = "Created; Location names the user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Responses.UserBody.class)))
    @ApiResponse(responseCode = "409", description = "The email is already registered (case-insensitively)")
    @ApiResponse(responseCode = "422", description = "Invalid fields")
    public HttpResponse<Responses.UserBody> register(@Body @Valid Requests.Register request) {
        var user = auth.register(new Registration(request.email(), request.password(), request.firstName(),
                request.lastName(), request.birthDate()));
        return HttpResponse.created(Responses.UserBody.of(user), URI.create("/users/" + user.id()))
                .header(HttpHeaders.ETAG, ETags.of(user.version()));
    }

    @Post(value = "/token", consumes = MediaType.APPLICATION_JSON)
    @Anonymous
    @Operation(operationId = "token", summary = "Sign in with email and password",
            description = "JSON {email, password}, or the OAuth2 form (grant_type=password with username and password,"
                    + " or grant_type=refresh_token with refresh_token). Wrong email or password: the same 401. After"
                    + " 5 failures for one email within 15 minutes: 429 with Retry-After.")
    @ApiResponse(responseCode = "200", description = "Access and refresh token")
    @ApiResponse(responseCode = "401", description = "Wrong email or password")
    @ApiResponse(responseCode = "429", description = "Too many failed sign-ins for this email")
    public HttpResponse<Responses.TokenBody> token(@Body @Valid Requests.Token request) {
        return tokens(auth.signIn(request.email(), request.password()));
    }

    @Post(value = "/token", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Anonymous
    @Operation(operationId = "token", summary = "Sign in with email and password")
    public HttpResponse<Responses.TokenBody> tokenForm(@Body Requests.TokenForm form) {
        String grantType = form.grantType() == null || form.grantType().isBlank() ? GRANT_PASSWORD : form.grantType();
        List<FieldError> missing = new ArrayList<>();
        switch (grantType) {
            case GRANT_PASSWORD -> {
                require(missing, "username", form.username());
                require(missing, "password", form.password());
                if (missing.isEmpty()) {
                    return tokens(auth.signIn(form.username(), form.password()));
                }
            }
            case GRANT_REFRESH -> {
                require(missing, "refresh_token", form.refreshToken());
                if (missing.isEmpty()) {
                    return tokens(auth.refresh(form.refreshToken()));
                }
            }
            default -> missing.add(new FieldError("grant_type", "must be password or refresh_token"));
        }
        throw ApiException.invalid(missing);
    }

    @Post("/refresh")
    @Anonymous
    @Operation(operationId = "refreshToken", summary = "Exchange a refresh token for a new pair (each refresh token works once)",
            description = "Presenting an already used refresh token again is 401 and ends every session of that sign-in.")
    @ApiResponse(responseCode = "200", description = "A new access and refresh token")
    @ApiResponse(responseCode = "401", description = "Unknown, expired or already used refresh token")
    public HttpResponse<Responses.TokenBody> refresh(@Body @Valid Requests.Refresh request) {
        return tokens(auth.refresh(request.refreshToken()));
    }

    @Get("/valid")
    @SecurityRequirement(name = IdentityApi.BEARER)
    @SecurityRequirement(name = IdentityApi.OAUTH2)
    @Operation(operationId = "checkPermission", summary = "Does the caller's token hold the permission named by resource?")
    @ApiResponse(responseCode = "200", description = "It does")
    @ApiResponse(responseCode = "401", description = "No valid bearer token, or its user no longer exists")
    @ApiResponse(responseCode = "403", description = "It does not")
    @ApiResponse(responseCode = "422", description = "resource is missing")
    public Responses.Valid valid(Caller caller, @QueryValue @NotBlank String resource) {
        users.checkPermission(caller, resource);
        return new Responses.Valid(resource, true);
    }

    private static void require(List<FieldError> missing, String field, String value) {
        if (value == null || value.isBlank()) {
            missing.add(new FieldError(field, "is required"));
        }
    }

    /** RFC 6749 §5.1: token answers are never cached. */
    private static HttpResponse<Responses.TokenBody> tokens(TokenPair pair) {
        return HttpResponse.ok(Responses.TokenBody.of(pair))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.PRAGMA, "no-cache");
    }
}

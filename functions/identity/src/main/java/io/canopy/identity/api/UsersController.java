package io.canopy.identity.api;

import io.canopy.identity.domain.AccessChanges;
import io.canopy.identity.domain.ProfileChanges;
import io.canopy.identity.domain.User;
import io.canopy.identity.domain.UserService;
import io.canopy.shared.http.ETags;
import io.canopy.shared.paging.Page;
import io.canopy.shared.paging.PageRequest;
import io.canopy.shared.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.util.UUID;

/**
 * One's own account ({@code /users/me}) and, for admins, everyone's. Single users carry an ETag (their version);
 * writes honour If-Match (412 on mismatch). Another user's account is 404 to a non-admin.
 */
@Controller("/users")
@SecurityRequirement(name = IdentityApi.BEARER)
@SecurityRequirement(name = IdentityApi.OAUTH2)
@Tag(name = "users")
@ApiResponse(responseCode = "401", description = "No valid bearer token, or its user no longer exists")
public class UsersController {

    private final UserService users;

    public UsersController(UserService users) {
        this.users = users;
    }

    @Get("/me")
    @Operation(operationId = "getMe", summary = "The caller's account")
    public HttpResponse<Responses.UserBody> me(Caller caller) {
        return single(users.me(caller));
    }

    @Patch("/me")
    @Operation(operationId = "updateMe", summary = "Change the caller's names, birth date or email")
    @ApiResponse(responseCode = "200", description = "The changed account")
    @ApiResponse(responseCode = "409", description = "The new email is taken")
    @ApiResponse(responseCode = "412", description = "If-Match does not match")
    @ApiResponse(responseCode = "422", description = "Invalid fields, or no field at all")
    public HttpResponse<Responses.UserBody> updateMe(Caller caller, @Body @Valid Requests.UpdateProfile request,
                                                     @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        return single(users.updateProfile(caller,
                new ProfileChanges(request.firstName(), request.lastName(), request.birthDate(), request.email()), ifMatch));
    }

    @Put("/me/password")
    @Operation(operationId = "changePassword", summary = "Change the caller's password; signs out every refresh session",
            description = "A wrong current_password is 422 on that field.")
    @ApiResponse(responseCode = "204", description = "Changed")
    @ApiResponse(responseCode = "422", description = "current_password is wrong, or new_password is not 8..128 characters")
    public HttpResponse<Void> changePassword(Caller caller, @Body @Valid Requests.ChangePassword request,
                                             @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        users.changePassword(caller, request.currentPassword(), request.newPassword(), ifMatch);
        return HttpResponse.noContent();
    }

    @Delete("/me")
    @Operation(operationId = "deleteMe", summary = "Delete the caller's account and sessions")
    @ApiResponse(responseCode = "204", description = "Deleted")
    public HttpResponse<Void> deleteMe(Caller caller, @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        users.delete(caller, ifMatch);
        return HttpResponse.noContent();
    }

    @Get("/{id}")
    @Operation(operationId = "getUser", summary = "A user: oneself, or anyone for an admin")
    @ApiResponse(responseCode = "404", description = "No such user, or not the caller's to see")
    public HttpResponse<Responses.UserBody> get(Caller caller, @PathVariable UUID id) {
        return single(users.get(caller, id));
    }

    @Get
    @Operation(operationId = "listUsers", summary = "All users, newest first (admin only)")
    @ApiResponse(responseCode = "403", description = "The caller is not an admin")
    public Page<Responses.UserBody> list(Caller caller, @Nullable @QueryValue Integer limit, @Nullable @QueryValue String cursor) {
        return users.list(caller, PageRequest.of(limit, cursor)).map(Responses.UserBody::of);
    }

    @Patch("/{id}")
    @Operation(operationId = "updateUserAccess", summary = "Change a user's roles and permissions (admin only)")
    @ApiResponse(responseCode = "403", description = "The caller is not an admin")
    @ApiResponse(responseCode = "412", description = "If-Match does not match")
    public HttpResponse<Responses.UserBody> updateAccess(Caller caller, @PathVariable UUID id,
                                                         @Body @Valid Requests.UpdateAccess request,
                                                         @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        return single(users.updateAccess(caller, id, new AccessChanges(request.roles(), request.permissions()), ifMatch));
    }

    private static HttpResponse<Responses.UserBody> single(User user) {
        return HttpResponse.ok(Responses.UserBody.of(user)).header(HttpHeaders.ETAG, ETags.of(user.version()));
    }
}

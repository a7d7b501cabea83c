package io.canopy.shared.security;

import io.canopy.shared.error.ApiException;

import java.security.Principal;
import java.util.Set;
import java.util.UUID;

/**
 * The authenticated user behind a request, read from the validated bearer JWT. Controllers take it as a
 * parameter; it is never built from anything a client can set without signing.
 */
public record Caller(UUID id, String email, Set<String> roles, Set<String> permissions) implements Principal {

    public static final String ROLE_USER = "user";
    public static final String ROLE_ADMIN = "admin";

    /** A Principal, so the OpenAPI generator knows it is not a request parameter. */
    @Override
    public String getName() {
        return id.toString();
    }

    public boolean isAdmin() {
        return roles.contains(ROLE_ADMIN);
    }

    public boolean hasPermission(String permission) {
        return permissions.contains(permission);
    }

    /** 403 unless the token carries the permission. */
    public void requirePermission(String permission) {
        if (!hasPermission(permission)) {
            throw ApiException.forbidden("This token does not hold the permission '" + permission + "'.");
        }
    }

    /** 403 unless the caller is an admin. */
    public void requireAdmin() {
        if (!isAdmin()) {
            throw ApiException.forbidden("Only an admin may do this.");
        }
    }

    /** The caller may act for {@code userId} if it is their own id or they are an admin. */
    public boolean mayActFor(UUID userId) {
        return id.equals(userId) || isAdmin();
    }
}

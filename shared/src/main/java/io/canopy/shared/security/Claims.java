package io.canopy.shared.security;

/** Names of the Canopy-specific claims in every access token (besides iss, aud, sub, exp, iat, jti). */
public final class Claims {

    public static final String EMAIL = "email";
    public static final String ROLES = "roles";
    public static final String PERMISSIONS = "permissions";

    private Claims() {
    }
}

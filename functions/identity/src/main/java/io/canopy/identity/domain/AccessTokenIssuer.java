package io.canopy.identity.domain;

import java.time.Instant;

/** Port: signs access tokens (JWT) for a user. */
public interface AccessTokenIssuer {

    /** An access token for {@code user}, issued at {@code now}, valid for {@code ttlSeconds}. */
    String issue(User user, Instant now, long ttlSeconds);
}

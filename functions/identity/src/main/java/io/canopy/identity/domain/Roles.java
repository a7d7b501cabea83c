package io.canopy.identity.domain;

import io.canopy.shared.security.Caller;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** The roles a user may hold, and the defaults of a new account. */
public final class Roles {

    public static final String USER = Caller.ROLE_USER;
    public static final String ADMIN = Caller.ROLE_ADMIN;
    public static final Set<String> ALL = Set.of(USER, ADMIN);
    public static final String DEFAULT_PERMISSION = "time";
    public static final int MAX_PERMISSION_LENGTH = 64;

    private Roles() {
    }

    /** Distinct, sorted, immutable: the same set always serializes the same way. */
    static List<String> sorted(Collection<String> values) {
        return values.stream().distinct().sorted().toList();
    }
}

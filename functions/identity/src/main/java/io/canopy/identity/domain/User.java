package io.canopy.identity.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A user account. {@code email} is normalized ({@link Emails#normalize}); {@code passwordHash} is a bcrypt hash and
 * never leaves the service; {@code version} grows by one on every write (ETag, optimistic locking).
 */
public record User(UUID id, String email, String passwordHash, @Nullable String firstName, @Nullable String lastName,
                   @Nullable LocalDate birthDate, List<String> roles, List<String> permissions,
                   Instant createdAt, Instant updatedAt, long version) {

    public User {
        roles = Roles.sorted(roles);
        permissions = Roles.sorted(permissions);
    }

    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }

    public User withProfile(@Nullable String firstName, @Nullable String lastName, @Nullable LocalDate birthDate,
                            String email, Instant now) {
        return new User(id, email, passwordHash, firstName, lastName, birthDate, roles, permissions, createdAt, now, version);
    }

    public User withPasswordHash(String passwordHash, Instant now) {
        return new User(id, email, passwordHash, firstName, lastName, birthDate, roles, permissions, createdAt, now, version);
    }

    public User withAccess(List<String> roles, List<String> permissions, Instant now) {
        return new User(id, email, passwordHash, firstName, lastName, birthDate, roles, permissions, createdAt, now, version);
    }

    /** Never prints the password hash. */
    @Override
    public String toString() {
        return "User[id=" + id + ", roles=" + roles + ", permissions=" + permissions + ", version=" + version + "]";
    }
}

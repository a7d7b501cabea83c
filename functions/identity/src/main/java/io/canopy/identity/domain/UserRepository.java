package io.canopy.identity.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: where users are kept. */
public interface UserRepository {

    Optional<User> findById(UUID id);

    /** By normalized email, case-insensitively. */
    Optional<User> findByEmail(String email);

    /** Stores a new user with version 0. Throws {@link EmailTakenException} when the email is in use. */
    User insert(User user);

    /**
     * Writes {@code user} if the stored version is still {@code user.version()}; returns it with the next version.
     * Empty when someone else changed it first. Throws {@link EmailTakenException} when the new email is in use.
     */
    Optional<User> update(User user);

    void delete(UUID id);

    /** Newest first ({@code created_at}, then {@code id}, descending), strictly after the given key when present. */
    List<User> listNewestFirst(int limit, @Nullable Instant afterCreatedAt, @Nullable UUID afterId);
}

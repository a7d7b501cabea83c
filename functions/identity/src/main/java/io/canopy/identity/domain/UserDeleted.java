package io.canopy.identity.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A user deleted their account. Stored in the {@link UserDeletionOutbox} with the deletion, then published to the
 * event bus so every endpoint group erases the user's data (see the README's "User deletion").
 */
public record UserDeleted(UUID eventId, UUID userId, Instant deletedAt) {
}

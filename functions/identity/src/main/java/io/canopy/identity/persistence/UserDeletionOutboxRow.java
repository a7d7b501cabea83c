package io.canopy.identity.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code identity.user_deletion_outbox}. */
@MappedEntity(value = "user_deletion_outbox", schema = "identity")
record UserDeletionOutboxRow(@Id UUID eventId, UUID userId, Instant deletedAt) {
}

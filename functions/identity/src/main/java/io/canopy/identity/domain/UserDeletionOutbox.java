package io.canopy.identity.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@link UserDeleted} events waiting to be published; written in the transaction that deletes the user. */
public interface UserDeletionOutbox {

    void add(UserDeleted event);

    /** The oldest pending events, at most {@code limit}. */
    List<UserDeleted> oldest(int limit);

    void remove(UUID eventId);

    /** For tests and operators: how many events wait. */
    long pending();

    /** Convenience for callers that build the event themselves. */
    static UserDeleted event(UUID userId, Instant deletedAt) {
        return new UserDeleted(UUID.randomUUID(), userId, deletedAt);
    }
}

package io.canopy.identity.persistence;

import io.canopy.identity.domain.UserDeleted;
import io.canopy.identity.domain.UserDeletionOutbox;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.UUID;

/** {@link UserDeletionOutbox} on PostgreSQL ({@code identity.user_deletion_outbox}). */
@Singleton
class JdbcUserDeletionOutbox implements UserDeletionOutbox {

    private static final int MAX_BATCH = 25;

    private final UserDeletionOutboxRows rows;

    JdbcUserDeletionOutbox(UserDeletionOutboxRows rows) {
        this.rows = rows;
    }

    @Override
    public void add(UserDeleted event) {
        rows.save(new UserDeletionOutboxRow(event.eventId(), event.userId(), event.deletedAt()));
    }

    @Override
    public List<UserDeleted> oldest(int limit) {
        return rows.findTop25OrderByDeletedAt().stream()
                .limit(Math.min(limit, MAX_BATCH))
                .map(row -> new UserDeleted(row.eventId(), row.userId(), row.deletedAt()))
                .toList();
    }

    @Override
    public void remove(UUID eventId) {
        rows.deleteById(eventId);
    }

    @Override
    public long pending() {
        return rows.count();
    }
}

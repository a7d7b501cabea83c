package io.canopy.identity.persistence;

import io.canopy.identity.domain.UserDeleted;
import io.canopy.identity.domain.UserDeletionOutbox;
import io.canopy.shared.jdbc.Sql;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.UUID;

/** {@link UserDeletionOutbox} on PostgreSQL ({@code identity.user_deletion_outbox}). */
@Singleton
class JdbcUserDeletionOutbox implements UserDeletionOutbox {

    private static final int MAX_BATCH = 25;

    private final Sql sql;

    JdbcUserDeletionOutbox(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void add(UserDeleted event) {
        sql.run(connection -> Sql.update(connection, "INSERT INTO identity.user_deletion_outbox (event_id, user_id, deleted_at)"
                + " VALUES (?, ?, ?)", event.eventId(), event.userId(), event.deletedAt()));
    }

    @Override
    public List<UserDeleted> oldest(int limit) {
        return sql.run(connection -> Sql.list(connection, row -> new UserDeleted(row.getObject("event_id", UUID.class),
                        row.getObject("user_id", UUID.class), Sql.instant(row, "deleted_at")),
                "SELECT event_id, user_id, deleted_at FROM identity.user_deletion_outbox ORDER BY deleted_at LIMIT ?",
                Math.min(limit, MAX_BATCH)));
    }

    @Override
    public void remove(UUID eventId) {
        sql.run(connection -> Sql.update(connection, "DELETE FROM identity.user_deletion_outbox WHERE event_id = ?", eventId));
    }

    @Override
    public long pending() {
        return sql.run(connection -> Sql.list(connection, row -> row.getLong(1),
                "SELECT count(*) FROM identity.user_deletion_outbox")).get(0);
    }
}

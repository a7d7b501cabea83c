-- Transactional outbox: a deleted user's row goes and its UserDeleted event is written in ONE transaction, so the
-- event that makes other endpoint groups erase the user's data is never lost. Rows are removed once EventBridge
-- accepted the event; rows left by a failed publish are retried oldest first.
CREATE TABLE identity.user_deletion_outbox (
    event_id   UUID PRIMARY KEY,
    user_id    UUID        NOT NULL,
    deleted_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX user_deletion_outbox_deleted_at_idx ON identity.user_deletion_outbox (deleted_at);

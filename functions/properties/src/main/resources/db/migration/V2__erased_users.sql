-- Users whose data was erased after their deletion (identity's UserDeleted event). A create checks it, so a deleted
-- user's still-valid access token cannot add properties after the erasure (shared JdbcErasedUsers).
CREATE TABLE properties.erased_users (
    user_id   uuid        PRIMARY KEY,
    erased_at timestamptz NOT NULL DEFAULT now()
);

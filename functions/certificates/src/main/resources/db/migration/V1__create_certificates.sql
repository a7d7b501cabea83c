-- A user's certificates. The private key is stored only encrypted (envelope encryption): AES-256-GCM under a
-- per-row random data key, which is itself wrapped by the master key named in key_id. Schema "certificates".
CREATE TABLE certificates.certificates (
    id             uuid        PRIMARY KEY,
    user_id        uuid        NOT NULL,
    body           text        NOT NULL CHECK (char_length(body) BETWEEN 1 AND 65536),
    active         boolean     NOT NULL,
    key_ciphertext bytea       NOT NULL,
    key_nonce      bytea       NOT NULL,
    wrapped_key    bytea       NOT NULL,
    key_id         text        NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    version        bigint      NOT NULL
);
-- One certificate of one user (GET/PATCH/DELETE /users/{user_id}/certificates/{id}).
CREATE INDEX certificates_user_id_idx ON certificates.certificates (user_id, id);
-- A user's certificates, newest first, filtered by active or not: keyset paging on (created_at, id).
CREATE INDEX certificates_user_active_idx ON certificates.certificates (user_id, active, created_at DESC, id DESC);
CREATE INDEX certificates_user_created_idx ON certificates.certificates (user_id, created_at DESC, id DESC);
-- The re-wrap after a master-key rotation finds the rows of old keys.
CREATE INDEX certificates_key_id_idx ON certificates.certificates (key_id);

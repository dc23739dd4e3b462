-- Hộp thư đi (outbox): everything that must leave the node — claims to the BHXH gateway, prescriptions to the
-- national system, bundles to the provincial hub — is written here in the same transaction as the clinical change
-- that causes it. A relay delivers after commit, at least once, with back-off; receivers deduplicate by the
-- idempotency key. Nothing is deleted: delivered rows keep the reply (transaction id) for reconciliation.
CREATE TABLE outbox_message (
    id               bigserial   PRIMARY KEY,
    topic            text        NOT NULL,
    idempotency_key  text        NOT NULL,
    subject          text,
    payload          text        NOT NULL,
    created          timestamptz NOT NULL,
    status           text        NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'delivered', 'failed', 'cancelled')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt     timestamptz NOT NULL,
    last_error       text,
    reply            text,
    delivered        timestamptz,
    supersedes       bigint      REFERENCES outbox_message (id),
    reason           text,
    UNIQUE (topic, idempotency_key)
);

CREATE INDEX outbox_message_due ON outbox_message (next_attempt) WHERE status = 'pending';
CREATE INDEX outbox_message_subject ON outbox_message (subject);

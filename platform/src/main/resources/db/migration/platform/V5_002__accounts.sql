-- Accounts (table user_account: "account" is the FHIR Account resource's table; one per person, linked to a Practitioner), registered backend clients (SMART Backend Services) and
-- the client-assertion ids already seen (replay check). Secrets: password_hash is Argon2id; totp_secret is
-- AES-256-GCM encrypted with the node's secret key (never stored here in clear).
CREATE TABLE user_account (
    username             text        PRIMARY KEY,
    practitioner_id      text,
    display_name         text,
    roles                text[]      NOT NULL DEFAULT '{}',
    department_ids       text[]      NOT NULL DEFAULT '{}',
    password_hash        text        NOT NULL,
    password_changed     timestamptz NOT NULL DEFAULT now(),
    must_change_password boolean     NOT NULL DEFAULT false,
    totp_secret          text,
    failed_attempts      integer     NOT NULL DEFAULT 0,
    locked_until         timestamptz,
    last_login           timestamptz,
    disabled             boolean     NOT NULL DEFAULT false,
    disabled_reason      text,
    created              timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE backend_client (
    client_id   text        PRIMARY KEY,
    name        text        NOT NULL,
    jwks        text        NOT NULL,
    roles       text[]      NOT NULL DEFAULT '{}',
    scope       text        NOT NULL DEFAULT 'system/*.read',
    disabled    boolean     NOT NULL DEFAULT false,
    created     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE client_assertion_seen (
    client_id   text        NOT NULL,
    jti         text        NOT NULL,
    expires     timestamptz NOT NULL,
    PRIMARY KEY (client_id, jti)
);

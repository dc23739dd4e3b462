-- Break-the-glass grants: access outside one's scope with a typed reason, for a limited time. Each grant is also
-- an AuditEvent (purpose BTG) and raises an alert; the accesses made under it are flagged in the audit trail.
CREATE TABLE break_glass_grant (
    id         bigserial   PRIMARY KEY,
    username   text        NOT NULL,
    patient    text        NOT NULL,
    reason     text        NOT NULL,
    granted    timestamptz NOT NULL,
    expires    timestamptz NOT NULL
);

CREATE INDEX break_glass_grant_active ON break_glass_grant (username, patient, expires);

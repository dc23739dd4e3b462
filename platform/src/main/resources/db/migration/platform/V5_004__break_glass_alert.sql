-- Cảnh báo phá kính: one row per department whose patient was opened under break-the-glass, shown to the heads of
-- that department on their home page until they mark it seen.
CREATE TABLE break_glass_alert (
    id         bigserial   PRIMARY KEY,
    department text        NOT NULL,
    username   text        NOT NULL,
    patient    text        NOT NULL,
    reason     text        NOT NULL,
    granted    timestamptz NOT NULL,
    seen_by    text,
    seen_at    timestamptz
);

CREATE INDEX break_glass_alert_open ON break_glass_alert (department, granted DESC) WHERE seen_at IS NULL;

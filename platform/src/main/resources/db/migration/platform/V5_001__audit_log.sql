-- The audit trail (NĐ 331/2026, TCVN 14423:2026 level 3, TT 13/2025): one row per access, append-only and
-- hash-chained. The writer (org.vnemr.platform.audit.AuditLogWriter) assigns seq itself under an advisory
-- lock, so that the chain is strictly sequential; hash = SHA-256(prev_hash || canonical row content), see
-- AuditChain. The trigger below refuses UPDATE, DELETE and TRUNCATE for every role, the owner included;
-- a superuser can still lift it, which the chain then exposes (vnemr audit verify).
CREATE TABLE audit_log (
    seq          bigserial   PRIMARY KEY,
    recorded     timestamptz NOT NULL,
    user_name    text        NOT NULL,
    user_role    text,
    action       text        NOT NULL,
    outcome      text        NOT NULL,
    patients     text[]      NOT NULL DEFAULT '{}',
    break_glass  boolean     NOT NULL DEFAULT false,
    event        text        NOT NULL,
    prev_hash    text        NOT NULL,
    hash         text        NOT NULL
);

CREATE INDEX audit_log_patients ON audit_log USING gin (patients);
CREATE INDEX audit_log_user ON audit_log (user_name, recorded);
CREATE INDEX audit_log_recorded ON audit_log USING brin (recorded);
CREATE INDEX audit_log_action ON audit_log (action, recorded);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'VNEMR-5001: audit_log is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

package org.vnemr.platform.access;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vnemr.platform.audit.AuditAction;
import org.vnemr.platform.audit.AuditRecord;
import org.vnemr.platform.audit.AuditTrail;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Break-the-glass grants ({@code break_glass_grant}): each grant is written durably to the audit trail (action
 * {@code break-glass}, purpose BTG with the reason) and raises an alert — for now a WARN line in the log
 * ({@code vnemr.alert}), which the operations monitoring picks up; a UI alert list comes with the UI.
 */
public class BreakGlassGrants {

    private static final Logger ALERT = LoggerFactory.getLogger("vnemr.alert");
    private static final String SQL_SELECT_ACTIVE = """
            SELECT reason FROM break_glass_grant WHERE username = ? AND patient = ? AND expires > ?
            ORDER BY expires DESC LIMIT 1""";
    private static final String SQL_INSERT_GRANT =
            "INSERT INTO break_glass_grant (username, patient, reason, granted, expires) VALUES (?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final AuditTrail audit;

    public BreakGlassGrants(JdbcTemplate jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The reason of a grant still running for this user and patient. */
    public Optional<String> active(String user, String patient, Instant now) {
        List<String> reasons = jdbc.queryForList(SQL_SELECT_ACTIVE, String.class, user, patient, utc(now));
        return reasons.stream().findFirst();
    }

    public void grant(String user, String patient, String reason, Instant now, Instant expires) {
        jdbc.update(SQL_INSERT_GRANT, user, patient, reason, utc(now), utc(expires));
        audit.recordDurably(AuditRecord.of(user, AuditAction.BREAK_GLASS).withPatients(List.of(patient))
                .withWhat("Patient/" + patient).withBreakGlass(reason), Duration.ofSeconds(10));
        ALERT.warn("BREAK-THE-GLASS user={} patient=Patient/{} until={} reason=\"{}\"", user, patient, expires,
                reason.replace('"', '\''));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

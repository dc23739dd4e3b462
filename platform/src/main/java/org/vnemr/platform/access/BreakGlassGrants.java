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
 * {@code break-glass}, purpose BTG with the reason) and raises an alert: a row in {@code break_glass_alert} for each
 * department the patient is cared for in (shown to that department's heads on their home page) and a WARN line in
 * the log ({@code vnemr.alert}) for the operations monitoring.
 */
public class BreakGlassGrants {

    private static final Logger ALERT = LoggerFactory.getLogger("vnemr.alert");
    private static final String SQL_SELECT_ACTIVE = """
            SELECT reason FROM break_glass_grant WHERE username = ? AND patient = ? AND expires > ?
            ORDER BY expires DESC LIMIT 1""";
    private static final String SQL_INSERT_GRANT =
            "INSERT INTO break_glass_grant (username, patient, reason, granted, expires) VALUES (?, ?, ?, ?, ?)";

    private static final String SQL_INSERT_ALERT = """
            INSERT INTO break_glass_alert (department, username, patient, reason, granted) VALUES (?, ?, ?, ?, ?)""";
    private static final String SQL_SELECT_ALERTS = """
            SELECT id, department, username, patient, reason, granted FROM break_glass_alert
            WHERE department = ANY (?) AND seen_at IS NULL ORDER BY granted DESC LIMIT 50""";
    private static final String SQL_MARK_SEEN = """
            UPDATE break_glass_alert SET seen_by = ?, seen_at = ? WHERE id = ? AND department = ANY (?)""";

    /** An alert not yet seen by a head of the department. */
    public record Alert(long id, String department, String user, String patient, String reason, Instant granted) {
    }

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
        grant(user, patient, reason, now, expires, java.util.Set.of());
    }

    /** A grant, alerting the heads of {@code departments} (the departments caring for the patient). */
    public void grant(String user, String patient, String reason, Instant now, Instant expires,
                      java.util.Collection<String> departments) {
        jdbc.update(SQL_INSERT_GRANT, user, patient, reason, utc(now), utc(expires));
        for (String department : departments) {
            jdbc.update(SQL_INSERT_ALERT, department, user, patient, reason, utc(now));
        }
        audit.recordDurably(AuditRecord.of(user, AuditAction.BREAK_GLASS).withPatients(List.of(patient))
                .withWhat("Patient/" + patient).withBreakGlass(reason), Duration.ofSeconds(10));
        ALERT.warn("BREAK-THE-GLASS user={} patient=Patient/{} until={} reason=\"{}\"", user, patient, expires,
                org.vnemr.platform.privacy.IdMasking.maskIn(reason.replace('"', '\'')));
    }

    /** Alerts not yet seen for these departments, newest first (at most 50). */
    public List<Alert> openAlerts(java.util.Collection<String> departments) {
        if (departments.isEmpty()) {
            return List.of();
        }
        return jdbc.query(connection -> {
            var statement = connection.prepareStatement(SQL_SELECT_ALERTS);
            statement.setArray(1, connection.createArrayOf("text", departments.toArray()));
            return statement;
        }, (rs, i) -> new Alert(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getObject(6, OffsetDateTime.class).toInstant()));
    }

    /** A head of one of {@code departments} has seen the alert. */
    public boolean markSeen(long id, String by, java.util.Collection<String> departments, Instant now) {
        if (departments.isEmpty()) {
            return false;
        }
        return jdbc.update(connection -> {
            var statement = connection.prepareStatement(SQL_MARK_SEEN);
            statement.setString(1, by);
            statement.setObject(2, utc(now));
            statement.setLong(3, id);
            statement.setArray(4, connection.createArrayOf("text", departments.toArray()));
            return statement;
        }) == 1;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

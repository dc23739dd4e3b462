package org.vnemr.platform.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * One access to write to the audit trail: who (user name, role, practitioner), on which patients, what
 * ({@code Patient/7}, {@code Observation?code=…}), why (purpose of use; the typed reason of a break-the-glass
 * access), with which outcome, from which client address, when. The time is kept to the microsecond, the
 * precision of PostgreSQL's timestamptz, so that the hash over the stored row can be recomputed exactly.
 *
 * @param patients ids of the patients whose record was touched (without {@code Patient/}); empty when unknown
 */
public record AuditRecord(Instant occurred, String user, String role, String practitioner, AuditAction action,
                          String what, List<String> patients, String purpose, boolean breakGlass,
                          AuditOutcome outcome, String outcomeDetail, String clientAddress) {

    public static final String ANONYMOUS = "anonymous";

    public AuditRecord {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        occurred = (occurred == null ? Instant.now() : occurred).truncatedTo(ChronoUnit.MICROS);
        user = user == null || user.isBlank() ? ANONYMOUS : clean(user);
        role = clean(role);
        practitioner = clean(practitioner);
        what = clean(what);
        patients = patients == null ? List.of() : patients.stream().filter(Objects::nonNull).map(AuditRecord::clean)
                .distinct().toList();
        purpose = clean(purpose);
        outcomeDetail = clean(outcomeDetail);
        clientAddress = clean(clientAddress);
    }

    /** A record of {@code action} by {@code user}, now, successful; refine with the {@code with…} methods. */
    public static AuditRecord of(String user, AuditAction action) {
        return new AuditRecord(null, user, null, null, action, null, List.of(), null, false, AuditOutcome.SUCCESS,
                null, null);
    }

    public AuditRecord withRole(String newRole) {
        return new AuditRecord(occurred, user, newRole, practitioner, action, what, patients, purpose, breakGlass,
                outcome, outcomeDetail, clientAddress);
    }

    public AuditRecord withPractitioner(String newPractitioner) {
        return new AuditRecord(occurred, user, role, newPractitioner, action, what, patients, purpose, breakGlass,
                outcome, outcomeDetail, clientAddress);
    }

    public AuditRecord withWhat(String newWhat) {
        return new AuditRecord(occurred, user, role, practitioner, action, newWhat, patients, purpose, breakGlass,
                outcome, outcomeDetail, clientAddress);
    }

    public AuditRecord withPatients(List<String> newPatients) {
        return new AuditRecord(occurred, user, role, practitioner, action, what, newPatients, purpose, breakGlass,
                outcome, outcomeDetail, clientAddress);
    }

    public AuditRecord withPurpose(String newPurpose) {
        return new AuditRecord(occurred, user, role, practitioner, action, what, patients, newPurpose, breakGlass,
                outcome, outcomeDetail, clientAddress);
    }

    /** Marks an access outside the user's scope, with the reason the user typed. */
    public AuditRecord withBreakGlass(String reason) {
        return new AuditRecord(occurred, user, role, practitioner, action, what, patients, reason, true,
                outcome, outcomeDetail, clientAddress);
    }

    public AuditRecord withOutcome(AuditOutcome newOutcome, String detail) {
        return new AuditRecord(occurred, user, role, practitioner, action, what, patients, purpose, breakGlass,
                newOutcome, detail, clientAddress);
    }

    public AuditRecord withClientAddress(String address) {
        return new AuditRecord(occurred, user, role, practitioner, action, what, patients, purpose, breakGlass,
                outcome, outcomeDetail, address);
    }

    public AuditRecord at(Instant time) {
        return new AuditRecord(time, user, role, practitioner, action, what, patients, purpose, breakGlass,
                outcome, outcomeDetail, clientAddress);
    }

    /** PostgreSQL text cannot hold NUL; the rest is kept as given (a client may send anything in a URL). */
    private static String clean(String value) {
        if (value == null) {
            return null;
        }
        String s = value.indexOf('\u0000') >= 0 ? value.replace("\u0000", "") : value;
        return s.length() > 4000 ? s.substring(0, 4000) : s;
    }
}

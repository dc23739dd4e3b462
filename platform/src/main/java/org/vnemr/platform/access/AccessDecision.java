package org.vnemr.platform.access;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Set;

/**
 * Điểm quyết định truy cập: the one place that answers "may this person do this to this record?" — for the FHIR
 * API ({@link FhirAuthorisationInterceptor}) and the screens (emr's {@code RequiresInterceptor}). A person holds one or more {@link Role}s; the
 * widest scope among the roles active at this hour decides. Outside that scope, a clinical role may break the
 * glass: with a typed reason (at least 10 characters) access is granted for {@link #BREAK_GLASS_DURATION}, every
 * access under it is flagged in the audit trail and shown in the patient's access log, and an alert is raised.
 */
public final class AccessDecision {

    public static final Duration BREAK_GLASS_DURATION = Duration.ofMinutes(60);
    public static final int MIN_REASON_LENGTH = 10;
    private static final Set<Permission> BREAK_GLASS_PERMISSIONS =
            Set.of(Permission.VIEW, Permission.CREATE, Permission.EDIT, Permission.SIGN, Permission.PRINT);

    /** Who asks: user (or client) name, roles, departments (Organization ids), practitioner id. */
    public record Subject(String user, Set<Role> roles, Set<String> departments, String practitioner) {
    }

    /**
     * What is touched. {@code patient} null: not one patient's data (a new Patient, a catalogue, a search across
     * patients). {@code departments} and {@code practitioners}: of the patient's encounters (service provider,
     * participants); both empty when the patient has no encounter yet.
     */
    public record Target(String patient, Set<String> departments, Set<String> practitioners) {
        public static Target noPatient() {
            return new Target(null, Collections.emptySet(), Collections.emptySet());
        }
    }

    /** The answer; when refused, {@code errorCode} says why. {@code breakGlass}: allowed only by break-the-glass. */
    public record Decision(boolean allowed, boolean breakGlass, Role role, Scope scope, String errorCode,
                           String breakGlassReason) {
        static Decision deny(String code) {
            return new Decision(false, false, null, Scope.NONE, code, null);
        }
    }

    private final Clock clock;
    private final ZoneId zone;
    private final BreakGlassGrants grants;

    public AccessDecision(Clock clock, ZoneId zone, BreakGlassGrants grants) {
        this.clock = clock;
        this.zone = zone;
        this.grants = grants;
    }

    /** The local time of day the working-hour windows are checked against. */
    public LocalTime now() {
        return LocalTime.ofInstant(clock.instant(), zone);
    }

    /**
     * @param breakGlassReason the reason typed for a break-the-glass access, or null
     */
    public Decision decide(Subject subject, Permission permission, Target target, String breakGlassReason) {
        LocalTime now = LocalTime.ofInstant(clock.instant(), zone);
        boolean anyActive = false;
        Role best = null;
        for (Role role : subject.roles()) {
            if (!role.activeAt(now)) {
                continue;
            }
            anyActive = true;
            Scope scope = role.scope(permission);
            if (covers(scope, subject, target) && (best == null || scope.compareTo(best.scope(permission)) > 0)) {
                best = role;
            }
        }
        if (best != null) {
            return new Decision(true, false, best, best.scope(permission), null, null);
        }
        if (!anyActive && !subject.roles().isEmpty()) {
            return Decision.deny("VNEMR-5061");
        }
        return breakGlass(subject, permission, target, breakGlassReason);
    }

    private Decision breakGlass(Subject subject, Permission permission, Target target, String reason) {
        Role clinical = subject.roles().stream().filter(Role::mayBreakGlass).findFirst().orElse(null);
        if (clinical == null || target.patient() == null || !BREAK_GLASS_PERMISSIONS.contains(permission)) {
            return Decision.deny("VNEMR-5060");
        }
        var active = grants.active(subject.user(), target.patient(), clock.instant());
        if (active.isPresent()) {
            return new Decision(true, true, clinical, Scope.NONE, null, active.get());
        }
        if (reason == null) {
            return Decision.deny("VNEMR-5060");
        }
        if (reason.strip().length() < MIN_REASON_LENGTH) {
            return Decision.deny("VNEMR-5062");
        }
        grants.grant(subject.user(), target.patient(), reason.strip(), clock.instant(),
                clock.instant().plus(BREAK_GLASS_DURATION), target.departments());
        return new Decision(true, true, clinical, Scope.NONE, null, reason.strip());
    }

    /** Does {@code scope} reach the target? The pure rule, also used by the tests that walk the matrix. */
    public static boolean covers(Scope scope, Subject subject, Target target) {
        boolean noEncounterYet = target.departments().isEmpty() && target.practitioners().isEmpty();
        return switch (scope) {
            case NONE -> false;
            case ALL_DEPARTMENTS -> true;
            // the data cannot say whose a patient without any encounter is: registration stage, within scope
            case OWN_DEPARTMENT -> target.patient() == null || noEncounterYet
                    || !Collections.disjoint(target.departments(), subject.departments());
            case OWN_PATIENTS -> target.patient() == null || noEncounterYet
                    || subject.practitioner() != null && target.practitioners().contains(subject.practitioner());
        };
    }
}

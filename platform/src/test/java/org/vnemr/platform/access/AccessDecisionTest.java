package org.vnemr.platform.access;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AccessDecisionTest {

    private static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
    /** 10:00 in Hà Nội. */
    private static final Instant MORNING = Instant.parse("2026-11-25T03:00:00Z");
    /** 23:30 in Hà Nội. */
    private static final Instant NIGHT = Instant.parse("2026-11-25T16:30:00Z");

    private static final AccessDecision.Target PATIENT_IN_A =
            new AccessDecision.Target("p1", Set.of("khoa-a"), Set.of("prac-1"));
    private static final AccessDecision.Target PATIENT_IN_B =
            new AccessDecision.Target("p2", Set.of("khoa-b"), Set.of("prac-2"));
    private static final AccessDecision.Target NEW_PATIENT = new AccessDecision.Target("p3", Set.of(), Set.of());

    /** Grants kept in memory (a fake of our own port). */
    static final class InMemoryGrants extends BreakGlassGrants {
        final List<String[]> granted = new ArrayList<>();

        InMemoryGrants() {
            super(null, null);
        }

        @Override
        public Optional<String> active(String user, String patient, Instant now) {
            return granted.stream().filter(g -> g[0].equals(user) && g[1].equals(patient)
                    && Instant.parse(g[3]).isAfter(now)).map(g -> g[2]).findFirst();
        }

        @Override
        public void grant(String user, String patient, String reason, Instant now, Instant expires,
                          java.util.Collection<String> departments) {
            granted.add(new String[] {user, patient, reason, expires.toString()});
        }
    }

    private final InMemoryGrants grants = new InMemoryGrants();

    private AccessDecision at(Instant time) {
        return new AccessDecision(Clock.fixed(time, VN), VN, grants);
    }

    private static AccessDecision.Subject person(Role role) {
        return new AccessDecision.Subject("u-" + role.code(), Set.of(role), Set.of("khoa-a"), "prac-1");
    }

    @Test
    void doctor_seesHisDepartment_editsOnlyHisPatients() {
        AccessDecision d = at(MORNING);
        assertThat(d.decide(person(Role.DOCTOR), Permission.VIEW, PATIENT_IN_A, null).allowed()).isTrue();
        assertThat(d.decide(person(Role.DOCTOR), Permission.VIEW, PATIENT_IN_B, null).errorCode()).isEqualTo("VNEMR-5060");
        assertThat(d.decide(person(Role.DOCTOR), Permission.EDIT, PATIENT_IN_A, null).allowed()).isTrue();
        var colleague = new AccessDecision.Subject("bs.khac", Set.of(Role.DOCTOR), Set.of("khoa-a"), "prac-9");
        assertThat(d.decide(colleague, Permission.VIEW, PATIENT_IN_A, null).allowed()).isTrue();
        assertThat(d.decide(colleague, Permission.EDIT, PATIENT_IN_A, null).allowed()).isFalse();
        assertThat(d.decide(person(Role.DOCTOR), Permission.EXPORT, PATIENT_IN_A, null).allowed()).isFalse();
        assertThat(d.decide(person(Role.DOCTOR), Permission.VIEW, NEW_PATIENT, null).allowed()).isTrue();
    }

    @Test
    void theWidestScopeOfSeveralRoles_decides() {
        var both = new AccessDecision.Subject("tk", Set.of(Role.DOCTOR, Role.DEPARTMENT_HEAD), Set.of("khoa-a"),
                "prac-9");
        AccessDecision.Decision edit = at(MORNING).decide(both, Permission.EDIT, PATIENT_IN_A, null);
        assertThat(edit.allowed()).isTrue();
        assertThat(edit.role()).isEqualTo(Role.DEPARTMENT_HEAD);
    }

    @Test
    void rolesWithWorkingHours_areRefusedOutsideThem() {
        assertThat(at(MORNING).decide(person(Role.REGISTRATION_CLERK), Permission.VIEW, PATIENT_IN_B, null).allowed())
                .isTrue();
        assertThat(at(NIGHT).decide(person(Role.REGISTRATION_CLERK), Permission.VIEW, PATIENT_IN_B, null).errorCode())
                .isEqualTo("VNEMR-5061");
        assertThat(at(NIGHT).decide(person(Role.DOCTOR), Permission.VIEW, PATIENT_IN_A, null).allowed()).isTrue();
    }

    @Test
    void breakTheGlass_needsAReason_isTimeLimited_andOnlyForClinicalRoles() {
        AccessDecision d = at(MORNING);
        assertThat(d.decide(person(Role.DOCTOR), Permission.VIEW, PATIENT_IN_B, "cấp cứu").errorCode())
                .isEqualTo("VNEMR-5062");
        AccessDecision.Decision granted = d.decide(person(Role.DOCTOR), Permission.VIEW, PATIENT_IN_B,
                "Cấp cứu ngừng tuần hoàn, cần tiền sử dị ứng");
        assertThat(granted.allowed()).isTrue();
        assertThat(granted.breakGlass()).isTrue();
        assertThat(grants.granted).hasSize(1);
        // within the hour the grant holds without asking again, still flagged
        AccessDecision.Decision later = at(MORNING.plusSeconds(1800)).decide(person(Role.DOCTOR), Permission.VIEW,
                PATIENT_IN_B, null);
        assertThat(later.allowed()).isTrue();
        assertThat(later.breakGlass()).isTrue();
        assertThat(at(MORNING.plusSeconds(3601)).decide(person(Role.DOCTOR), Permission.VIEW, PATIENT_IN_B, null)
                .allowed()).isFalse();
        // never for exports or cancelling, never for non-clinical roles
        assertThat(d.decide(person(Role.DOCTOR), Permission.CANCEL, PATIENT_IN_B, "lý do đủ dài rồi").allowed())
                .isFalse();
        assertThat(d.decide(person(Role.ADMINISTRATOR), Permission.VIEW, PATIENT_IN_B, "lý do đủ dài rồi").allowed())
                .isFalse();
    }

    @Test
    void administrators_manageTheSystem_butDoNotReadRecords() {
        AccessDecision d = at(MORNING);
        assertThat(d.decide(person(Role.ADMINISTRATOR), Permission.VIEW, PATIENT_IN_A, null).allowed()).isFalse();
        assertThat(d.decide(person(Role.ADMINISTRATOR), Permission.EXPORT, AccessDecision.Target.noPatient(), null)
                .allowed()).isTrue();
        assertThat(d.decide(person(Role.AUDITOR), Permission.VIEW, PATIENT_IN_B, null).allowed()).isTrue();
        assertThat(d.decide(person(Role.AUDITOR), Permission.PRINT, PATIENT_IN_B, null).allowed()).isFalse();
    }

    @Test
    void everyRole_hasAScopeForEveryPermission() {
        for (Role role : Role.values()) {
            for (Permission p : Permission.values()) {
                assertThat(role.scope(p)).as(role + " " + p).isNotNull();
            }
        }
    }
}

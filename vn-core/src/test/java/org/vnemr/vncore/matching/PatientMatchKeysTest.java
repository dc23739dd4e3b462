package org.vnemr.vncore.matching;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vnemr.vncore.matching.TestPatients.patient;

class PatientMatchKeysTest {

    private static boolean meet(TestPatients candidate, TestPatients stored) {
        Set<String> shared = new HashSet<>(PatientMatchKeys.wanted(candidate.facts()));
        shared.retainAll(PatientMatchKeys.stored(stored.facts()));
        return !shared.isEmpty();
    }

    @Test
    void storedPatient_hasIdentifierGivenNameYearDateWardAndPhoneKeys() {
        Set<String> keys = PatientMatchKeys.stored(patient().name("Nguyễn Thị Hà").born("1990-05-12")
                .ward("26734", "79").phone("0912345678").bhyt("HT4790123456789").facts());

        assertThat(keys).containsExactly("id:BHXH:0123456789", "gy:ha:1990", "bd:1990-05-12", "gw:ha:26734",
                "ph:0912345678");
    }

    @Test
    void reorderedName_meetsTheStoredPatient() {
        assertThat(meet(patient().name("Hà Nguyễn Thị").born("1990"), patient().name("Nguyễn Thị Hà").born("1990-05-12")))
                .isTrue();
    }

    @Test
    void swappedDayAndMonth_meetsTheStoredPatient_evenWithAnotherName() {
        assertThat(meet(patient().name("Nguyen Thi Hoa").born("1990-12-05"),
                patient().name("Nguyễn Thị Hà").born("1990-05-12"))).isTrue();
    }

    @Test
    void candidateWithoutBirthDate_meetsBySameTenInTheWard() {
        assertThat(meet(patient().name("Nguyễn Hà").ward("26734", "79"),
                patient().name("Nguyễn Thị Hà").born("1990-05-12").ward("26734", "79"))).isTrue();
    }

    @Test
    void differentPeople_withNothingInCommon_doNotMeet() {
        assertThat(meet(patient().name("Trần Văn Nam").born("1975-01-30").ward("00004", "01"),
                patient().name("Nguyễn Thị Hà").born("1990-05-12").ward("26734", "79"))).isFalse();
    }
}

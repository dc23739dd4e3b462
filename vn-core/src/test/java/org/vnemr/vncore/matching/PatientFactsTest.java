package org.vnemr.vncore.matching;

import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vnemr.vncore.matching.TestPatients.patient;

class PatientFactsTest {

    @Test
    void facts_areReadFromTheVnCorePatientShape() {
        PatientFacts facts = patient().id("p1").name("Đỗ Thị Ánh Tuyết").born("1982-11-30").sex("female")
                .ward("26734", "79").phone("+84 (912) 345-678").cccd("079182000123").facts();

        assertThat(facts.id()).isEqualTo("p1");
        assertThat(facts.nameTokens()).containsExactly("do", "thi", "anh", "tuyet");
        assertThat(facts.birthYear()).isEqualTo(1982);
        assertThat(facts.birthDate()).isEqualTo(LocalDate.of(1982, 11, 30));
        assertThat(facts.ward()).isEqualTo("26734");
        assertThat(facts.province()).isEqualTo("79");
        assertThat(facts.phones()).containsExactly("0912345678");
        assertThat(facts.identifierKeys()).containsExactly("CCCD:079182000123");
        assertThat(facts.active()).isTrue();
    }

    @Test
    void nfdName_foldsLikeNfc() {
        String nfd = Normalizer.normalize("Đỗ Thị Ánh Tuyết", Normalizer.Form.NFD);

        assertThat(patient().name(nfd).facts().nameTokens()).containsExactly("do", "thi", "anh", "tuyet");
    }

    @Test
    void yearOnlyBirthDate_keepsTheYearWithoutADate() {
        PatientFacts facts = patient().name("Lê Lợi").born("1385").facts();

        assertThat(facts.birthYear()).isEqualTo(1385);
        assertThat(facts.birthDate()).isNull();
    }

    @Test
    void storedForm_readsBackTheSameFacts() {
        PatientFacts facts = patient().id("p2").name("Phan Bội Châu").born("1867-12-26").sex("male")
                .ward("00004", "01").phone("0988111222").bhyt("HT4790123456789").passport("B1234567").facts();

        assertThat(PatientFacts.fromStored("p2", facts.toStored())).isEqualTo(facts);
    }

    @Test
    void storedForm_ofASparsePatient_readsBackTheSameFacts() {
        PatientFacts facts = patient().id("p3").facts();

        assertThat(PatientFacts.fromStored("p3", facts.toStored())).isEqualTo(facts);
    }
}

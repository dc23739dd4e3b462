package org.vnemr.vncore.matching;

import org.junit.jupiter.api.Test;

import java.text.Normalizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vnemr.vncore.matching.TestPatients.patient;

class PatientScorerTest {

    private static final TestPatients AN = patient().name("Nguyễn Văn An").born("1990-05-12").sex("male")
            .ward("26734", "79").phone("0912 345 678");

    private static ScoreComponent component(MatchScore score, String field) {
        return score.components().stream().filter(c -> c.field().equals(field)).findFirst().orElseThrow();
    }

    @Test
    void sameCccd_isCertain_andExplained() {
        MatchScore score = PatientScorer.score(patient().name("Nguyễn Văn An").cccd("079090001234").facts(),
                patient().name("Nguyen Van An").cccd("079 090 001 234").born("1990-05-12").facts());

        assertThat(score.grade()).isEqualTo(MatchGrade.CERTAIN);
        assertThat(component(score, "identifier").label()).isEqualTo("Định danh CCCD trùng nhau");
        assertThat(score.normalised()).isEqualTo(1.0);
    }

    @Test
    void legacyBhytCard_andBhxhNumber_areCertain() {
        MatchScore score = PatientScorer.score(patient().name("Trần Thị Mai").bhyt("0123456789").facts(),
                patient().name("Trần Thị Mai").bhyt("HT4790123456789").facts());

        assertThat(score.grade()).isEqualTo(MatchGrade.CERTAIN);
    }

    @Test
    void bhytCardWithCccdNumber_matchesTheCccdIdentifier() {
        MatchScore score = PatientScorer.score(patient().name("Lê Văn Bình").bhyt("001085012345").facts(),
                patient().name("Lê Văn Bình").cccd("001085012345").facts());

        assertThat(score.grade()).isEqualTo(MatchGrade.CERTAIN);
    }

    @Test
    void sameDemographics_withoutIdentifier_areNeverCertain() {
        MatchScore score = PatientScorer.score(AN.facts(), AN.facts());

        assertThat(score.grade()).isEqualTo(MatchGrade.PROBABLE);
        assertThat(score.total()).isEqualTo(PatientScorer.MAX_WITHOUT_IDENTIFIER);
        assertThat(score.normalised()).isLessThan(1.0);
    }

    @Test
    void differentCccd_speaksAgainstAMatch_evenWithTheSameDemographics() {
        MatchScore score = PatientScorer.score(
                patient().name("Nguyễn Văn An").born("1990-05-12").sex("male").cccd("079090001234").facts(),
                patient().name("Nguyễn Văn An").born("1990-05-12").sex("male").cccd("079090009999").facts());

        assertThat(component(score, "identifier").points()).isNegative();
        assertThat(score.grade()).isNull();
    }

    @Test
    void sameCccd_withADifferentName_isOnlyProbable() {
        MatchScore score = PatientScorer.score(patient().name("Nguyễn Văn An").cccd("079090001234").facts(),
                patient().name("Phạm Thị Hồng").cccd("079090001234").facts());

        assertThat(component(score, "name").comparison()).isEqualTo("different");
        assertThat(score.grade()).isEqualTo(MatchGrade.PROBABLE);
    }

    @Test
    void nameTypedWithoutDiacritics_isAnExactName() {
        MatchScore score = PatientScorer.score(patient().name("NGUYEN VAN AN").born("1990-05-12").facts(), AN.facts());

        assertThat(component(score, "name").comparison()).isEqualTo("exact");
        assertThat(component(score, "name").label()).isEqualTo("Họ tên trùng khớp");
    }

    @Test
    void nameInNfd_isAnExactName() {
        String nfd = Normalizer.normalize("Đặng Thị Ngọc Hương", Normalizer.Form.NFD);
        MatchScore score = PatientScorer.score(patient().name(nfd).facts(),
                patient().name("Đặng Thị Ngọc Hương").facts());

        assertThat(component(score, "name").comparison()).isEqualTo("exact");
    }

    @Test
    void reorderedName_isRecognised() {
        MatchScore score = PatientScorer.score(patient().name("Văn An Nguyễn").born("1990-05-12").facts(),
                AN.facts());

        assertThat(component(score, "name").comparison()).isEqualTo("reordered");
        assertThat(component(score, "name").label()).isEqualTo("Họ tên: đảo thứ tự các chữ");
    }

    @Test
    void missingThiMiddleName_isRecognised() {
        MatchScore score = PatientScorer.score(patient().name("Nguyễn Hà").facts(),
                patient().name("Nguyễn Thị Hà").facts());

        assertThat(component(score, "name").comparison()).isEqualTo("middle-name-missing");
    }

    @Test
    void missingRareMiddleName_isRecognised() {
        MatchScore score = PatientScorer.score(patient().name("Lê Hoa").facts(),
                patient().name("Lê Quỳnh Hoa").facts());

        assertThat(component(score, "name").comparison()).isEqualTo("middle-name-missing");
    }

    @Test
    void typoInGivenName_isSimilar_andStillProbableWithTheSameBirthDateAndWard() {
        MatchScore score = PatientScorer.score(patient().name("Nguyễn Văn Anh").born("1990-05-12").sex("male")
                .ward("26734", "79").facts(), AN.facts());

        assertThat(component(score, "name").comparison()).isEqualTo("similar");
        assertThat(score.grade()).isEqualTo(MatchGrade.PROBABLE);
    }

    @Test
    void differentFamilyName_isNotSimilar() {
        MatchScore score = PatientScorer.score(patient().name("Trần Văn An").born("1990-05-12").facts(), AN.facts());

        assertThat(component(score, "name").comparison()).isIn("partly", "different");
        assertThat(score.grade()).isNull();
    }

    @Test
    void swappedDayAndMonth_isRecognised() {
        MatchScore score = PatientScorer.score(patient().name("Nguyễn Văn An").born("1990-12-05").sex("male")
                .ward("26734", "79").facts(), AN.facts());

        assertThat(component(score, "birthDate").comparison()).isEqualTo("day-month-swapped");
        assertThat(component(score, "birthDate").label()).isEqualTo("Ngày sinh: đảo ngày và tháng");
        assertThat(score.grade()).isEqualTo(MatchGrade.PROBABLE);
    }

    @Test
    void yearOnlyBirthDate_agreesWithAFullDateOfThatYear() {
        MatchScore score = PatientScorer.score(patient().name("Nguyễn Văn An").born("1990").sex("male").facts(),
                AN.facts());

        assertThat(component(score, "birthDate").comparison()).isEqualTo("year-only");
        assertThat(score.grade()).isEqualTo(MatchGrade.POSSIBLE);
    }

    @Test
    void namesakeBornInAnotherYear_isNotShown() {
        MatchScore score = PatientScorer.score(patient().name("Nguyễn Văn An").born("1985-03-02").sex("male")
                .facts(), AN.facts());

        assertThat(component(score, "birthDate").points()).isNegative();
        assertThat(score.grade()).isNull();
    }

    @Test
    void phoneWithCountryCode_matchesTheDomesticForm() {
        MatchScore score = PatientScorer.score(patient().name("Nguyễn Văn An").phone("+84 912 345 678").facts(),
                AN.facts());

        assertThat(component(score, "telecom").comparison()).isEqualTo("same");
    }

    @Test
    void differentSex_takesPointsAway() {
        MatchScore score = PatientScorer.score(patient().name("Nguyễn Văn An").born("1990-05-12").sex("female")
                .facts(), AN.facts());

        assertThat(component(score, "gender").points()).isNegative();
    }

    @Test
    void explanation_listsEveryFieldWithWeights_andTotalIsTheirSum() {
        MatchScore score = PatientScorer.score(AN.facts(), AN.facts());

        assertThat(score.components()).extracting(ScoreComponent::field)
                .containsExactly("name", "birthDate", "gender", "address", "telecom");
        assertThat(score.total()).isEqualTo(score.components().stream().mapToInt(ScoreComponent::points).sum());
        assertThat(score.components()).allSatisfy(c -> assertThat(c.points()).isLessThanOrEqualTo(c.weight()));
        assertThat(score.summary()).contains("Cùng xã/phường (+10)").endsWith("Tổng 95 điểm");
    }
}

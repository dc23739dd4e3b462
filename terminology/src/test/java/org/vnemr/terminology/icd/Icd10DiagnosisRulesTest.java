package org.vnemr.terminology.icd;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.terminology.codesystem.CodeSystemReader;
import org.vnemr.terminology.lookup.InMemoryCodeLookup;
import org.vnemr.terminology.codesystem.TerminologyIndex;
import org.vnemr.terminology.importing.DataFiles;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The QĐ 4469 rules as read from the shipped appendix, for patients of each sex and several ages. */
class Icd10DiagnosisRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static DiagnosisRules rules;

    @BeforeAll
    static void loadShippedIcd10() throws IOException {
        TerminologyIndex index = new TerminologyIndex(Map.of(Icd10VnImporter.INTERNATIONAL_URL, Icd10VnImporter.URL),
                Duration.ofSeconds(1));
        try (InputStream csv = DataFiles.open(Icd10VnSource.CSV);
             InputStream appendix = DataFiles.open(Icd10VnSource.APPENDIX)) {
            index.replaceAll(List.of(CodeSystemReader.read(Icd10VnImporter.importFrom(csv, Icd10VnSource.CSV,
                    appendix, Icd10VnSource.APPENDIX).resources().get(0))));
        }
        index.markReady();
        rules = new Icd10DiagnosisRules(new InMemoryCodeLookup(index, null));
    }

    private static List<String> codes(List<DiagnosisRules.Problem> problems) {
        return problems.stream().map(DiagnosisRules.Problem::code).toList();
    }

    @Test
    void deliveryCode_forAMan_isRefused_inVietnameseNamingCodeAndRule() {
        List<DiagnosisRules.Problem> problems = rules.check("O80", "male", LocalDate.of(1990, 1, 1), TODAY);
        assertThat(codes(problems)).containsExactly("VNEMR-2022");
        assertThat(problems.get(0).messageVi()).contains("O80").contains("nữ").contains("A4.1");
        assertThat(problems.get(0).messageEn()).contains("female");
        assertThat(rules.check("O80.0", "female", LocalDate.of(1990, 1, 1), TODAY)).isEmpty();
    }

    @Test
    void prostateCode_forAWoman_isRefused() {
        assertThat(codes(rules.check("N40", "female", LocalDate.of(1950, 1, 1), TODAY)))
                .containsExactly("VNEMR-2023");
        assertThat(rules.check("N40", "male", LocalDate.of(1950, 1, 1), TODAY)).isEmpty();
        assertThat(rules.check("N40", null, LocalDate.of(1950, 1, 1), TODAY)).isEmpty();
        assertThat(rules.check("N40", "unknown", LocalDate.of(1950, 1, 1), TODAY)).isEmpty();
    }

    @Test
    void newbornCode_forAnAdult_isRefused_andAllowedInTheFirstYear() {
        List<DiagnosisRules.Problem> adult = rules.check("P07.0", "female", LocalDate.of(1990, 5, 1), TODAY);
        assertThat(codes(adult)).containsExactly("VNEMR-2024");
        assertThat(adult.get(0).messageVi()).contains("P07.0").contains("A3.1").contains("36 tuổi");
        assertThat(rules.check("P070", "female", TODAY.minusDays(20), TODAY)).isEmpty();
    }

    @Test
    void adultOnlyCode_forAChild_isRefused() {
        // G30.1 Alzheimer khởi phát muộn: A3.10, trên 30 tuổi
        assertThat(codes(rules.check("G30.1", "male", LocalDate.of(2016, 1, 1), TODAY))).containsExactly("VNEMR-2024");
        assertThat(rules.check("G30.1", "male", LocalDate.of(1950, 1, 1), TODAY)).isEmpty();
        assertThat(rules.check("G30.1", "male", null, TODAY)).isEmpty();
    }

    @Test
    void unknownCode_andChapterCode_areRefused() {
        assertThat(codes(rules.check("X99.999", "male", null, TODAY))).containsExactly("VNEMR-2020");
        assertThat(rules.check("X99.999", "male", null, TODAY).get(0).messageVi()).contains("X99.999");
        assertThat(codes(rules.check("J00-J99", "male", null, TODAY))).containsExactly("VNEMR-2021");
        assertThat(codes(rules.check("", "male", null, TODAY))).containsExactly("VNEMR-2020");
    }

    @Test
    void ordinaryCode_hasNoProblem() {
        assertThat(rules.check("J18.9", "male", LocalDate.of(1990, 1, 1), TODAY)).isEmpty();
        assertThat(rules.check("J189", "female", TODAY.minusDays(3), TODAY)).isEmpty();
    }
}

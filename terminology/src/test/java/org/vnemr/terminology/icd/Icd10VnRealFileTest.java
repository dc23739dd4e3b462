package org.vnemr.terminology.icd;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.terminology.codesystem.CodeSystemIndex;
import org.vnemr.terminology.codesystem.CodeSystemReader;
import org.vnemr.terminology.importing.DataFiles;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The importer over the files the product ships (QĐ 4469 list and appendix). */
class Icd10VnRealFileTest {

    private static Icd10VnImporter.Result result;
    private static CodeSystemIndex cs;

    @BeforeAll
    static void importShippedFiles() throws IOException {
        try (InputStream csv = DataFiles.open(Icd10VnSource.CSV);
             InputStream appendix = DataFiles.open(Icd10VnSource.APPENDIX)) {
            result = Icd10VnImporter.importFrom(csv, Icd10VnSource.CSV, appendix, Icd10VnSource.APPENDIX);
        }
        cs = CodeSystemReader.read(result.resources().get(0));
    }

    @Test
    void counts_matchTheList() {
        // 12,219 rows: 2,050 categories, 10,087 further codes (daggers, asterisks and duplicate rows merged),
        // 22 chapters and 274 blocks
        assertThat(result.stats().chapters()).isEqualTo(22);
        assertThat(result.stats().blocks()).isEqualTo(274);
        assertThat(result.stats().categories()).isEqualTo(2050);
        assertThat(result.stats().diseases()).isEqualTo(10087);
        assertThat(cs.size()).isEqualTo(12433);
        assertThat(result.resources().get(0).path("count").asInt()).isEqualTo(12433);
    }

    @Test
    void knownCodes_haveTheirVietnameseNames() {
        assertThat(cs.find("J18.9").orElseThrow().display()).isEqualTo("Viêm phổi, không đặc hiệu");
        assertThat(cs.find("I10").orElseThrow().display()).startsWith("Bệnh lý tăng huyết áp");
        assertThat(cs.find("I79.2").orElseThrow().parents()).containsExactly("I79");
        assertThat(cs.find("J189")).isPresent();
    }

    @Test
    void appendixRules_areRead() {
        assertThat(result.stats().appendixRules()).containsKeys("A1", "A2", "A3.1", "A3.10", "A4.1", "A4.2", "E",
                "E1");
        assertThat(cs.find("O80").orElseThrow().properties("sex")).containsExactly("female");
        assertThat(cs.find("O80.0").orElseThrow().properties("sex")).containsExactly("female");
        assertThat(cs.find("N40").orElseThrow().properties("sex")).containsExactly("male");
        assertThat(cs.find("C61").orElseThrow().properties("sex")).containsExactly("male");
        assertThat(cs.find("P07.0").orElseThrow().properties("age-rule")).contains("A3.1 0d..365d");
        assertThat(cs.find("G30.1").orElseThrow().properties("age-rule")).containsExactly("A3.10 >30y..");
        assertThat(cs.find("J18.9").orElseThrow().properties("sex")).isEmpty();
        assertThat(cs.find("J18.9").orElseThrow().properties("age-rule")).isEmpty();
    }

    @Test
    void siteCodesOfTheRuleAnnexes_giveTheirRuleToTheCodeTheListHas() {
        System.out.println("ICD-10 VN appendix rules " + result.stats().appendixRules() + "; not in the list: "
                + result.stats().unknownByAnnex() + "; rules moved to the 4-character code: "
                + result.stats().rulesOnShorterCode());
        assertThat(cs.find("M80.0").orElseThrow().properties("age-rule")).contains("A3.10 >30y..");
        assertThat(result.stats().rulesOnShorterCode()).isGreaterThan(400);
        // the DRG sheet E lists many site codes the list does not carry: reported, not guessed
        assertThat(result.stats().unknownByAnnex()).containsKey("E");
    }
}

package org.vnemr.terminology.icd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.vnemr.terminology.codesystem.CodeSystemIndex;
import org.vnemr.terminology.codesystem.CodeSystemReader;
import org.vnemr.terminology.codesystem.IndexedConcept;
import org.vnemr.terminology.importing.DataFileException;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ICD-10 VN importer on a sample of 41 rows of the list and a small appendix workbook in the real layout. */
class Icd10VnImporterTest {

    private static Icd10VnImporter.Result importSample() {
        return Icd10VnImporter.importFrom(sample(), "icd10_sample.csv",
                new ByteArrayInputStream(SampleAppendix.bytes()), "sample.xlsx");
    }

    private static InputStream sample() {
        return Icd10VnImporterTest.class.getResourceAsStream("/samples/icd10_sample.csv");
    }

    private static CodeSystemIndex index(Icd10VnImporter.Result result) {
        return CodeSystemReader.read(result.resources().get(0));
    }

    @Test
    void list_becomesChapterBlockCategoryDiseaseHierarchy() {
        CodeSystemIndex cs = index(importSample());
        IndexedConcept j189 = cs.find("J18.9").orElseThrow();
        assertThat(j189.display()).isEqualTo("Viêm phổi, không đặc hiệu");
        assertThat(j189.designations()).anyMatch(d -> "en".equals(d.language())
                && d.value().equals("Pneumonia, unspecified"));
        assertThat(j189.parents()).containsExactly("J18");
        assertThat(cs.find("J18").orElseThrow().parents()).containsExactly("J09-J18");
        assertThat(cs.find("J09-J18").orElseThrow().parents()).containsExactly("J00-J99");
        assertThat(cs.ancestors("J18.9")).containsExactly("J18", "J09-J18", "J00-J99");
        assertThat(cs.find("J00-J99").orElseThrow().selectable()).isFalse();
        assertThat(cs.find("J00-J99").orElseThrow().property("chapter-number")).isEqualTo("X");
        assertThat(j189.property("kind")).isEqualTo("disease");
        assertThat(cs.find("J18").orElseThrow().property("kind")).isEqualTo("category");
    }

    @Test
    void codes_keepTheDot_andAreFoundInTheDotlessXmlForm() {
        CodeSystemIndex cs = index(importSample());
        assertThat(cs.find("J189")).map(IndexedConcept::code).hasValue("J18.9");
        assertThat(cs.find("M0100")).map(IndexedConcept::code).hasValue("M01.00");
    }

    @Test
    void daggerAndAsteriskMarks_becomeProperties_notPartOfTheCode() {
        CodeSystemIndex cs = index(importSample());
        assertThat(cs.find("A17.0").orElseThrow().property("dagger")).isEqualTo("true");
        assertThat(cs.find("J17.0").orElseThrow().property("asterisk")).isEqualTo("true");
        assertThat(cs.find("J17").orElseThrow().property("asterisk")).isEqualTo("true");
        assertThat(cs.concepts()).noneMatch(c -> c.code().contains("*") || c.code().contains("†"));
    }

    @Test
    void parent_isTheLongestCodeExtended_elseTheCategoryColumn() {
        CodeSystemIndex cs = index(importSample());
        assertThat(cs.find("M01.00").orElseThrow().parents()).containsExactly("M01.0");
        // the list files I79.2* under category I80; with no I79 in the sample the column is all there is
        assertThat(cs.find("I79.2").orElseThrow().parents()).containsExactly("I80");
    }

    @Test
    void sexAnnexes_markCodes_andACategoryWhoseCodesAllShareTheRule() {
        Icd10VnImporter.Result result = importSample();
        CodeSystemIndex cs = index(result);
        assertThat(cs.find("O80.0").orElseThrow().properties("sex")).containsExactly("female");
        assertThat(cs.find("O80").orElseThrow().properties("sex")).containsExactly("female");
        assertThat(cs.find("N40").orElseThrow().properties("sex")).containsExactly("male");
        assertThat(cs.find("J18.9").orElseThrow().properties("sex")).isEmpty();
        assertThat(result.stats().unknownAppendixCodes()).containsExactlyInAnyOrder("Z999", "G01");
        assertThat(result.stats().rulesOnShorterCode()).isEqualTo(1); // M8000 → M80.0
    }

    @Test
    void ageAnnexes_carryTheRangeOfTheirHeading() {
        CodeSystemIndex cs = index(importSample());
        assertThat(cs.find("P07.0").orElseThrow().properties("age-rule")).containsExactly("A3.1 0d..365d");
        assertThat(cs.find("E30.9").orElseThrow().properties("age-rule")).containsExactly("A3.7 8y..19y");
        // two annexes on one sheet: the second heading starts a new rule
        assertThat(cs.find("O80.0").orElseThrow().properties("age-rule")).containsExactly("A3.8 9y..60y");
        assertThat(cs.find("M80.0").orElseThrow().properties("age-rule")).containsExactly("A3.9 >15y..");
    }

    @Test
    void otherAnnexes_notPrincipal_asteriskPairs_andDrgCategory() {
        CodeSystemIndex cs = index(importSample());
        assertThat(cs.find("J17.0").orElseThrow().property("not-principal")).isEqualTo("true");
        assertThat(cs.find("A00.0").orElseThrow().properties("asterisk-pair")).containsExactly("J17.0");
        assertThat(cs.find("J18.9").orElseThrow().property("mdc")).isEqualTo("04");
    }

    @Test
    void result_includesTheAllCodesValueSet() {
        List<ObjectNode> resources = importSample().resources();
        assertThat(resources).hasSize(2);
        ObjectNode vs = resources.get(1);
        assertThat(vs.path("url").asText()).isEqualTo(Icd10VnImporter.VALUE_SET_URL);
        assertThat(resources.get(0).path("valueSet").asText()).isEqualTo(Icd10VnImporter.VALUE_SET_URL);
        assertThat(vs.at("/compose/include/0/system").asText()).isEqualTo(Icd10VnImporter.URL);
    }

    @Test
    void csvWithoutAnExpectedColumn_isRefusedNamingTheColumn() {
        String csv = "STT CHƯƠNG,MÃ CHƯƠNG\nI,A00-B99\n";
        assertThatThrownBy(() -> Icd10VnImporter.importFrom(new ByteArrayInputStream(
                csv.getBytes(StandardCharsets.UTF_8)), "bad.csv", null, null))
                .isInstanceOf(DataFileException.class)
                .hasMessageContaining("bad.csv").hasMessageContaining("TÊN CHƯƠNG");
    }
}

package org.vnemr.terminology.valueset;

import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.terminology.codesystem.CodeSystemReader;
import org.vnemr.terminology.codesystem.TerminologyIndex;
import org.vnemr.terminology.icd.Icd10VnImporter;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Expansion and its ranking over the 41-row ICD-10 sample, without a database. */
class ValueSetExpanderTest {

    private static ValueSetExpander expander;

    @BeforeAll
    static void index() throws Exception {
        TerminologyIndex index = new TerminologyIndex(Map.of(), Duration.ofSeconds(1));
        try (InputStream csv = ValueSetExpanderTest.class.getResourceAsStream("/samples/icd10_sample.csv")) {
            index.replaceAll(List.of(CodeSystemReader.read(Icd10VnImporter.importFrom(csv, "sample", null, null)
                    .resources().get(0))));
        }
        index.markReady();
        expander = new ValueSetExpander(index, null);
    }

    private static ValueSet whole() {
        ValueSet vs = new ValueSet();
        vs.getCompose().addInclude().setSystem(Icd10VnImporter.URL);
        return vs;
    }

    private static List<String> codes(ValueSetExpander.Page page) {
        return page.members().stream().map(Member::code).toList();
    }

    @Test
    void filter_ranksPhraseAtStartFirst_thenWholeWords_thenPrefixes() {
        ValueSetExpander.Page page = expander.expand(whole(), "viem phoi", false, false, 0, 100);
        List<String> displays = page.members().stream().map(Member::display).toList();
        assertThat(displays.get(0)).startsWith("Viêm phổi");
        int lastStarting = 0;
        for (int i = 0; i < displays.size(); i++) {
            if (displays.get(i).startsWith("Viêm phổi")) {
                lastStarting = i;
            }
        }
        // every display starting with the phrase comes before any that only contains it ("Cúm và viêm phổi")
        assertThat(displays.subList(0, lastStarting + 1)).allMatch(d -> d.startsWith("Viêm phổi"));
        assertThat(displays).anyMatch(d -> d.startsWith("Cúm và viêm phổi"));
        assertThat(codes(expander.expand(whole(), "viem ph", false, false, 0, 100))).containsAll(codes(page));
    }

    @Test
    void wordIndexPath_givesTheSameAnswerAsTheGeneralPath() {
        ValueSet general = whole();
        general.getCompose().addExclude().setSystem(Icd10VnImporter.URL).addConcept().setCode("NOT-A-CODE");
        for (String filter : new String[] {"viem phoi", "benh", "J18", "tang huyet", "khong dac hieu", "xyz"}) {
            assertThat(codes(expander.expand(whole(), filter, false, false, 0, 1000)))
                    .as(filter).isEqualTo(codes(expander.expand(general, filter, false, false, 0, 1000)));
        }
    }

    @Test
    void paging_slicesTheRankedList_andKeepsTheTotal() {
        ValueSetExpander.Page all = expander.expand(whole(), "viem", false, false, 0, 100);
        ValueSetExpander.Page second = expander.expand(whole(), "viem", false, false, 2, 3);
        assertThat(second.total()).isEqualTo(all.total());
        assertThat(codes(second)).isEqualTo(codes(all).subList(2, 5));
    }

    @Test
    void isAFilter_andExcludeNotForUi() {
        ValueSet vs = new ValueSet();
        vs.getCompose().addInclude().setSystem(Icd10VnImporter.URL).addFilter().setProperty("concept")
                .setOp(ValueSet.FilterOperator.DESCENDENTOF).setValue("J09-J18");
        List<String> codes = codes(expander.expand(vs, null, false, false, 0, 100));
        assertThat(codes).contains("J12", "J18.9").doesNotContain("J09-J18", "I10");
        assertThat(codes(expander.expand(whole(), null, false, true, 0, 1000))).doesNotContain("J00-J99")
                .contains("J18");
        assertThat(expander.contains(vs, Icd10VnImporter.URL, "J189", 0)).isTrue();
        assertThat(expander.contains(vs, Icd10VnImporter.URL, "I10", 0)).isFalse();
    }
}

package org.vnemr.bhyt.mapping;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.vnemr.bhyt.xml130.model.Xml5DienBienLs;

import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** XML5 (diễn biến lâm sàng) has one row per treatment sheet as it stands, never one per version of it. */
class TreatmentSheetRowsTest {

    private static Composition sheet(String id, long at, String course) {
        Composition c = new Composition();
        c.setId("Composition/" + id);
        c.setStatus(Composition.CompositionStatus.FINAL);
        c.setDate(new Date(at));
        c.setType(new CodeableConcept(new Coding(ContractUrls.CS_DOCUMENT_TYPE, "to-dieu-tri", "Tờ điều trị")));
        Composition.SectionComponent s = c.addSection();
        s.setCode(new CodeableConcept(new Coding(ContractUrls.CS_DOCUMENT_SECTION, DossierMapper.SECTION_COURSE, null)));
        s.setText(Fhir.narrative(course));
        return c;
    }

    @Test
    void aCorrectedSheetIsExportedOnceWithTheCorrection() {
        VisitRecord visit = new VisitRecord();
        Composition day1 = sheet("s1", 1_000_000L, "Ngày 1: sốt");
        Composition signedDay2 = sheet("s2", 2_000_000L, "Ngày 2: sai");
        Composition correctedDay2 = sheet("s3", 2_000_000L, "Ngày 2: hết sốt");
        correctedDay2.setStatus(Composition.CompositionStatus.PRELIMINARY);
        correctedDay2.addRelatesTo().setCode(Composition.DocumentRelationshipType.REPLACES)
                .setTarget(new Reference("Composition/s2"));
        Composition mistaken = sheet("s4", 3_000_000L, "Nhầm bệnh nhân");
        mistaken.setStatus(Composition.CompositionStatus.ENTEREDINERROR);
        visit.compositions.addAll(List.of(day1, signedDay2, correctedDay2, mistaken));

        List<Xml5DienBienLs> rows = new DossierMapper("79001").xml5(visit, "LK1");

        assertThat(rows).extracting(Xml5DienBienLs::dienBienLs).containsExactly("Ngày 1: sốt", "Ngày 2: hết sốt");
        assertThat(rows).extracting(Xml5DienBienLs::stt).containsExactly(1L, 2L);
    }
}

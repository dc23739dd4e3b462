package org.vnemr.signing.pdf;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;

import java.time.Instant;
import java.util.Date;

/** A small discharge paper (giấy ra viện) as a document Bundle, with Vietnamese text throughout. */
public final class SampleDocuments {

    private SampleDocuments() {
    }

    public static Bundle dischargePaper(int paragraphs) {
        Patient patient = new Patient();
        patient.setId("p1");
        patient.addName().setFamily("Nguyễn").addGiven("Thị Hương");
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        patient.setBirthDate(Date.from(Instant.parse("1980-03-14T00:00:00Z")));
        patient.addIdentifier().setSystem("https://vnemr.org/cccd").setValue("001180012345");
        Practitioner doctor = new Practitioner();
        doctor.setId("dr1");
        doctor.addName().setText("BS. Trần Văn Đức");
        Condition condition = new Condition();
        condition.setId("c1");
        condition.setSubject(new Reference("Patient/p1"));
        condition.setCode(new CodeableConcept().setText("Viêm phổi do vi khuẩn (J15.9)"));
        Composition composition = new Composition();
        composition.setId("doc1");
        composition.setStatus(Composition.CompositionStatus.PRELIMINARY);
        composition.getType().addCoding().setSystem("http://loinc.org").setCode("18842-5");
        composition.setTitle("Giấy ra viện");
        composition.setSubject(new Reference("Patient/p1"));
        composition.setDate(Date.from(Instant.parse("2026-11-20T08:30:00Z")));
        composition.addAuthor(new Reference("Practitioner/dr1"));
        Composition.SectionComponent section = composition.addSection();
        section.setTitle("Chẩn đoán");
        section.addEntry(new Reference("Condition/c1"));
        Composition.SectionComponent course = composition.addSection();
        course.setTitle("Tóm tắt quá trình điều trị");
        StringBuilder div = new StringBuilder("<div xmlns=\"http://www.w3.org/1999/xhtml\">");
        for (int i = 1; i <= paragraphs; i++) {
            div.append("<p>Ngày ").append(i).append(": người bệnh tỉnh, tiếp xúc tốt, hết sốt; phổi còn ran nổ "
                    + "đáy phải, giảm dần. Tiếp tục kháng sinh theo y lệnh, theo dõi mạch, nhiệt độ, huyết áp "
                    + "và độ bão hoà ô-xy mỗi 6 giờ.</p>");
        }
        div.append("</div>");
        Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        narrative.setDivAsString(div.toString());
        course.setText(narrative);
        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.DOCUMENT);
        bundle.addEntry().setFullUrl("Composition/doc1").setResource(composition);
        bundle.addEntry().setFullUrl("Patient/p1").setResource(patient);
        bundle.addEntry().setFullUrl("Practitioner/dr1").setResource(doctor);
        bundle.addEntry().setFullUrl("Condition/c1").setResource(condition);
        return bundle;
    }
}

package org.vnemr.emr.inpatient;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.vnemr.emr.web.CurrentUser;

import java.util.Date;

/** Giấy tờ của bệnh án: the common shape of the Compositions the inpatient screens write (clinical-data.md). */
final class Documents {

    private Documents() {
    }

    static void header(Composition c, String system, String code, String title, Stay stay, CurrentUser user,
                       Date now) {
        c.setStatus(Composition.CompositionStatus.PRELIMINARY);
        c.setType(new CodeableConcept().addCoding(new Coding(system, code, title)));
        c.setSubject(stay.encounter().getSubject().copy());
        c.setEncounter(new Reference("Encounter/" + stay.id()));
        c.setDate(now);
        c.setTitle(title);
        c.getAuthor().clear();
        c.addAuthor(user.practitionerReference().map(Reference::new)
                .orElseGet(() -> new Reference("Organization/" + stay.department().getIdPart())));
    }

    static Composition.SectionComponent section(String code, String title, String xhtmlBody) {
        Composition.SectionComponent s = new Composition.SectionComponent();
        s.setTitle(title);
        s.setCode(new CodeableConcept().addCoding(new Coding(Fhir.DOCUMENT_SECTION, code, title)));
        Narrative text = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        text.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">"
                + (xhtmlBody == null || xhtmlBody.isBlank() ? "<p>—</p>" : xhtmlBody) + "</div>");
        s.setText(text);
        return s;
    }
}

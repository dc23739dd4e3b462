package org.vnemr.emr.inpatient;

import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.vnemr.emr.store.ClinicalStore;

/** Tên nhân viên: a Practitioner reference shown as the person's name (set-up data, not patient data). */
final class Staff {

    private Staff() {
    }

    static String name(ClinicalStore store, Reference who) {
        if (who == null || who.getReference() == null || !who.getReference().startsWith("Practitioner/")) {
            return who == null || who.getDisplay() == null ? "" : who.getDisplay();
        }
        return store.readReference(Practitioner.class, who.getReferenceElement().getIdPart())
                .map(p -> {
                    HumanName n = p.getNameFirstRep();
                    return n.hasText() ? n.getText() : n.getNameAsSingleString();
                }).orElse(who.getReference());
    }
}

package org.vnemr.emr.inpatient;

import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;

/**
 * Một đợt nội trú as the screens show it: the stay Encounter, the patient, the department now in charge and the
 * bed now occupied (null once discharged). Its getters feed the header every inpatient screen shows.
 */
public record Stay(Encounter encounter, Patient patient, Organization department, Location bed) {

    public String id() {
        return encounter.getIdPart();
    }

    public String patientName() {
        HumanName name = patient.getNameFirstRep();
        return name.hasText() ? name.getText() : name.getNameAsSingleString();
    }

    public String mrn() {
        return Fhir.identifier(patient.getIdentifier(), Fhir.MA_BN);
    }

    public String birth() {
        return Fhir.showDay(patient.getBirthDate());
    }

    public String sex() {
        return patient.getGender() == null ? "" : switch (patient.getGender()) {
            case MALE -> "Nam";
            case FEMALE -> "Nữ";
            default -> "Khác";
        };
    }

    public String admitted() {
        return Fhir.show(encounter.getPeriod().getStart());
    }

    public String departmentName() {
        return department.getName();
    }

    public String bedName() {
        return bed == null ? "" : bed.getName();
    }

    public boolean inProgress() {
        return encounter.getStatus() == Encounter.EncounterStatus.INPROGRESS;
    }

    public String maLk() {
        return Fhir.identifier(encounter.getIdentifier(), Fhir.MA_LK);
    }

    public String diagnosis() {
        return encounter.getReasonCodeFirstRep().getText();
    }
}

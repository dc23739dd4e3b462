package org.vnemr.emr.inpatient;

import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.vnemr.emr.patient.PatientBanner;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Một đợt nội trú as the screens show it: the stay Encounter, the patient, the department now in charge and the
 * bed now occupied (null once discharged). The per-stay pages also carry the shared patient banner (read once
 * with the stay); lists such as the board leave it null. Its getters feed the stay facts shown beside the banner.
 */
public record Stay(Encounter encounter, Patient patient, Organization department, Location bed,
                   PatientBanner banner) {

    public Stay(Encounter encounter, Patient patient, Organization department, Location bed) {
        this(encounter, patient, department, bed, null);
    }

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

    /** Ngày điều trị thứ mấy: the admission day is day 1, counted to today or to the discharge day. */
    public long dayOfStay() {
        if (!encounter.getPeriod().hasStart()) {
            return 0;
        }
        LocalDate from = Fhir.day(encounter.getPeriod().getStart());
        LocalDate to = encounter.getPeriod().hasEnd() ? Fhir.day(encounter.getPeriod().getEnd())
                : LocalDate.now(Fhir.ZONE);
        return ChronoUnit.DAYS.between(from, to) + 1;
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

package org.vnemr.emr.patient;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.web.CurrentUser;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@link PatientBanner}s through the audited store: the inpatient, prescription and outpatient screens ask
 * here instead of each reading Patient, allergies and card their own way.
 */
@Component
public class PatientBanners {

    private final ClinicalStore store;

    public PatientBanners(ClinicalStore store) {
        this.store = store;
    }

    /** The banner of the patient with id {@code patientId} (no {@code Patient/} prefix), if the patient exists. */
    public Optional<PatientBanner> of(String patientId, CurrentUser user) {
        Optional<Patient> patient = store.read(Patient.class, patientId, user);
        if (patient.isEmpty()) {
            return Optional.empty();
        }
        List<AllergyIntolerance> allergies = store.search(AllergyIntolerance.class,
                Map.of("patient", List.of("Patient/" + patientId), "_count", List.of("50")), user);
        List<Coverage> cards = store.search(Coverage.class,
                Map.of("beneficiary", List.of("Patient/" + patientId), "status", List.of("active"),
                        "_count", List.of("10")), user);
        LocalDate today = LocalDate.now(PatientBanner.VIETNAM);
        // the card in force today first; an expired one is still shown (flagged) rather than nothing
        Coverage card = cards.stream().filter(c -> !c.hasPeriod() || c.getPeriod().getEnd() == null
                        || !c.getPeriod().getEnd().toInstant().atZone(PatientBanner.VIETNAM).toLocalDate().isBefore(today))
                .findFirst().orElse(cards.isEmpty() ? null : cards.get(0));
        return Optional.of(PatientBanner.of(patient.get(), allergies, card, today));
    }
}

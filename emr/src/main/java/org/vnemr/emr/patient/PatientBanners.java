package org.vnemr.emr.patient;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.web.CurrentUser;

import java.time.LocalDate;
import java.util.Comparator;
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
        if (patientId == null || !patientId.matches("[A-Za-z0-9\\-.]{1,64}")) {
            return Optional.empty();
        }
        // the patient, allergies and cards in one statement (one audit entry): every clinical page shows a banner
        ClinicalStore.Page<Patient> found = store.searchWithIncludes(Patient.class, Map.of(
                "_id", List.of(patientId),
                "_revinclude", List.of("AllergyIntolerance:patient", "Coverage:beneficiary")), user);
        if (found.matches().isEmpty()) {
            return Optional.empty();
        }
        List<AllergyIntolerance> allergies = found.included().stream()
                .filter(AllergyIntolerance.class::isInstance).map(AllergyIntolerance.class::cast)
                .sorted(Comparator.comparing(a -> a.getIdElement().getIdPart())).toList();
        List<Coverage> cards = found.included().stream()
                .filter(Coverage.class::isInstance).map(Coverage.class::cast)
                .filter(c -> c.getStatus() == Coverage.CoverageStatus.ACTIVE)
                .sorted(Comparator.comparing((Coverage c) -> c.getMeta().getLastUpdated(),
                        Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
        return Optional.of(banner(found.matches().get(0), allergies, cards));
    }

    /** The banner of a patient the screen has already read: only allergies and the card are read here. */
    public PatientBanner of(Patient patient, CurrentUser user) {
        List<AllergyIntolerance> allergies = store.search(AllergyIntolerance.class,
                Map.of("patient", List.of("Patient/" + patient.getIdPart()), "_count", List.of("50")), user);
        return of(patient, allergies, user);
    }

    /**
     * The banner of a patient whose allergies the screen has already read (the prescription screen checks the
     * lines against them): only the insurance card is read here, so a page reads each fact once.
     */
    public PatientBanner of(Patient patient, List<AllergyIntolerance> allergies, CurrentUser user) {
        String patientId = patient.getIdElement().getIdPart();
        List<Coverage> cards = store.search(Coverage.class,
                Map.of("beneficiary", List.of("Patient/" + patientId), "status", List.of("active"),
                        "_count", List.of("10")), user);
        return banner(patient, allergies, cards);
    }

    private static PatientBanner banner(Patient patient, List<AllergyIntolerance> allergies, List<Coverage> cards) {
        LocalDate today = LocalDate.now(PatientBanner.VIETNAM);
        // the card in force today first; an expired one is still shown (flagged) rather than nothing
        Coverage card = cards.stream().filter(c -> !c.hasPeriod() || c.getPeriod().getEnd() == null
                        || !c.getPeriod().getEnd().toInstant().atZone(PatientBanner.VIETNAM).toLocalDate().isBefore(today))
                .findFirst().orElse(cards.isEmpty() ? null : cards.get(0));
        return PatientBanner.of(patient, allergies, card, today);
    }
}

package org.vnemr.emr.inpatient;

import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;
import org.vnemr.emr.patient.PatientBanners;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.web.CurrentUser;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Đợt nội trú và giường: reads the facility's inpatient departments and beds (set-up data, not audited) and the
 * stays (patient data, audited through {@link ClinicalStore}).
 */
@Component
class Stays {

    private final ClinicalStore store;
    private final PatientBanners banners;

    Stays(ClinicalStore store, PatientBanners banners) {
        this.store = store;
        this.banners = banners;
    }

    /** The inpatient departments the user works in; all of them for a user without a department. */
    List<Organization> departments(CurrentUser user) {
        List<Organization> all = allDepartments();
        List<Organization> mine = all.stream().filter(d -> user.departmentIds().contains(d.getIdPart())).toList();
        return mine.isEmpty() ? all : mine;
    }

    List<Organization> allDepartments() {
        return store.searchReference(Organization.class, Map.of("_count", List.of("500"))).stream()
                .filter(Stays::admits)
                .sorted(Comparator.comparing(Organization::getName, Comparator.nullsLast(String::compareTo)))
                .toList();
    }

    Optional<Organization> department(String id) {
        return id == null || id.isBlank() ? Optional.empty()
                : store.readReference(Organization.class, id.replace("Organization/", ""))
                .filter(Stays::admits);
    }

    static boolean admits(Organization department) {
        return DepartmentKinds.admits(department.getTypeFirstRep().getText());
    }

    /** Beds (Location physicalType bd) of a department, by bed code. */
    List<Location> beds(String departmentId) {
        return store.searchReference(Location.class, Map.of("organization",
                        List.of("Organization/" + departmentId), "_count", List.of("500"))).stream()
                .filter(l -> "bd".equals(l.getPhysicalType().getCodingFirstRep().getCode()))
                .sorted(Comparator.comparing(Location::getName, Comparator.nullsLast(String::compareTo)))
                .toList();
    }

    List<Location> freeBeds(String departmentId) {
        return beds(departmentId).stream().filter(Stays::free).toList();
    }

    static boolean free(Location bed) {
        return "U".equals(bed.getOperationalStatus().getCode());
    }

    Optional<Location> bed(String id) {
        return id == null || id.isBlank() ? Optional.empty()
                : store.readReference(Location.class, id.replace("Location/", ""))
                .filter(l -> "bd".equals(l.getPhysicalType().getCodingFirstRep().getCode()));
    }

    /** Stays in progress in a department (the stay itself, not its per-department sub-encounters). */
    List<Encounter> inDepartment(String departmentId, CurrentUser user) {
        return store.search(Encounter.class, Map.of("class", List.of(Fhir.ACT_CODE + "|IMP"),
                        "status", List.of("in-progress"), "service-provider", List.of("Organization/" + departmentId),
                        "_count", List.of("500")), user).stream()
                .filter(Encounter::hasHospitalization).toList();
    }

    /** The stay with its patient and banner; empty when the id is not an inpatient stay. */
    Optional<Stay> stay(String encounterId, CurrentUser user) {
        return store.read(Encounter.class, encounterId, user)
                .filter(e -> "IMP".equals(e.getClass_().getCode()) && e.hasHospitalization())
                .map(e -> {
                    Patient patient = store.read(Patient.class, e.getSubject().getReferenceElement().getIdPart(),
                            user).orElse(new Patient());
                    Organization department = store.readReference(Organization.class,
                            e.getServiceProvider().getReferenceElement().getIdPart()).orElse(new Organization());
                    Location bed = currentBed(e).flatMap(r -> bed(r.getReference())).orElse(null);
                    return new Stay(e, patient, department, bed, patient.getIdPart() == null ? null : banners.of(patient, user));
                });
    }

    /** The bed the patient lies in now: the active {@code location[]} entry. */
    static Optional<Reference> currentBed(Encounter stay) {
        List<Encounter.EncounterLocationComponent> active = new ArrayList<>();
        for (Encounter.EncounterLocationComponent l : stay.getLocation()) {
            if (l.getStatus() == Encounter.EncounterLocationStatus.ACTIVE) {
                active.add(l);
            }
        }
        return active.isEmpty() ? Optional.empty() : Optional.of(active.get(active.size() - 1).getLocation());
    }

    /** The open per-department sub-encounter of a stay, if any. */
    Optional<Encounter> openDepartmentStay(Encounter stay, CurrentUser user) {
        return store.search(Encounter.class, Map.of("part-of", List.of("Encounter/" + stay.getIdPart()),
                "status", List.of("in-progress")), user).stream().findFirst();
    }
}

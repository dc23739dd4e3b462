package org.vnemr.emr.printing;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.web.CurrentUser;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the papers read, in the shapes of docs/architecture/clinical-data.md, always through {@link ClinicalStore}:
 * patient data with the audited calls, facility set-up (organisation, rooms, staff) with the reference calls.
 * One instance per printed paper (it carries the user the reads are audited for).
 */
final class PrintRecords {

    static final String VN = "http://fhir.hl7.org.vn/core";
    static final String V = "https://vnemr.org/fhir";
    static final String MA_CSKCB = VN + "/sid/ma-cskcb";
    static final String MA_BN = V + "/sid/ma-bn";
    static final String BHYT = VN + "/sid/bhyt";
    static final String MA_LK = VN + "/sid/ma-lk";
    static final String CCHN = VN + "/sid/cchn";
    static final String SO_THU_TU = V + "/sid/so-thu-tu";
    static final String MA_KHOA = V + "/sid/ma-khoa";
    static final String DOCUMENT_TYPE = V + "/CodeSystem/document-type";
    static final String DOCUMENT_SECTION = V + "/CodeSystem/document-section";
    static final String ICD10 = VN + "/CodeSystem/vn-icd10-cs";
    static final String YHCT = V + "/CodeSystem/yhct";
    static final String INSURANCE_VISIT_TYPE = VN + "/StructureDefinition/vn-ext-insurance-visit-type";
    static final String TREATMENT_OUTCOME = VN + "/StructureDefinition/vn-ext-treatment-outcome";
    static final String SOURCE_ENCOUNTER = V + "/StructureDefinition/source-encounter";

    private final ClinicalStore store;
    private final CurrentUser user;

    PrintRecords(ClinicalStore store, CurrentUser user) {
        this.store = store;
        this.user = user;
    }

    CurrentUser user() {
        return user;
    }

    <T extends Resource> Optional<T> read(Class<T> type, String id) {
        return id == null || id.isBlank() ? Optional.empty() : store.read(type, id, user);
    }

    /** Reads the resource a reference points to (relative {@code Type/id} only); empty if absent. */
    <T extends Resource> Optional<T> resolve(Class<T> type, Reference reference) {
        String id = idOf(reference, type.getSimpleName());
        return id == null ? Optional.empty() : read(type, id);
    }

    <T extends Resource> List<T> search(Class<T> type, Map<String, List<String>> params) {
        return store.search(type, params, user);
    }

    Organization facility() {
        return store.readReference(Organization.class, "facility").orElseGet(Organization::new);
    }

    /** The facility's managing authority ("Sở Y tế …"): the display of its {@code partOf}, when recorded. */
    static String authority(Organization facility) {
        return facility.hasPartOf() && facility.getPartOf().hasDisplay() ? facility.getPartOf().getDisplay() : null;
    }

    Optional<Organization> organization(Reference reference) {
        String id = idOf(reference, "Organization");
        return id == null ? Optional.empty() : store.readReference(Organization.class, id);
    }

    Optional<Location> location(Reference reference) {
        String id = idOf(reference, "Location");
        return id == null ? Optional.empty() : store.readReference(Location.class, id);
    }

    Optional<Practitioner> practitioner(Reference reference) {
        String id = idOf(reference, "Practitioner");
        return id == null ? Optional.empty() : store.readReference(Practitioner.class, id);
    }

    /** A practitioner's name, from the staff record, else the reference's display. */
    String practitionerName(Reference reference) {
        if (reference == null || reference.isEmpty()) {
            return null;
        }
        return practitioner(reference).map(p -> name(p.getNameFirstRep()))
                .orElse(reference.hasDisplay() ? reference.getDisplay() : null);
    }

    String practitionerCode(Reference reference) {
        return practitioner(reference).map(p -> identifier(p.getIdentifier(), CCHN)).orElse(null);
    }

    /** The insurance card of the patient: the active Coverage with a BHYT number, newest first. */
    Optional<Coverage> coverage(String patientId) {
        return search(Coverage.class, Map.of("beneficiary", List.of("Patient/" + patientId))).stream()
                .filter(c -> identifier(c.getIdentifier(), BHYT) != null)
                .filter(c -> c.getStatus() == null || c.getStatus() == Coverage.CoverageStatus.ACTIVE)
                .max(Comparator.comparing(c -> c.getPeriod().getStart() == null ? new java.util.Date(0)
                        : c.getPeriod().getStart()));
    }

    /** The visit's diagnoses, main first (rank 1), then by rank; {@code use} null means any use. */
    List<Diagnosis> diagnoses(Encounter encounter, String use) {
        List<Diagnosis> result = new ArrayList<>();
        for (Encounter.DiagnosisComponent d : encounter.getDiagnosis()) {
            if (use != null && !d.getUse().getCoding().stream().anyMatch(c -> use.equals(c.getCode()))) {
                continue;
            }
            resolve(Condition.class, d.getCondition()).ifPresent(c -> result.add(
                    Diagnosis.of(c, d.hasRank() ? d.getRank() : 99)));
        }
        result.sort(Comparator.comparingInt(Diagnosis::rank));
        return result;
    }

    /** Diagnoses with a fallback: the asked use first, else all the visit's diagnoses (no duplicates). */
    List<Diagnosis> diagnosesPreferring(Encounter encounter, String use) {
        List<Diagnosis> preferred = diagnoses(encounter, use);
        if (!preferred.isEmpty()) {
            return preferred;
        }
        List<Diagnosis> all = new ArrayList<>();
        for (Diagnosis d : diagnoses(encounter, null)) {
            if (all.stream().noneMatch(a -> a.code() != null && a.code().equals(d.code()))) {
                all.add(d);
            }
        }
        return all;
    }

    /** One diagnosis: ICD-10 code, name, YHCT code when there is one, and the doctor's free text. */
    record Diagnosis(String code, String name, String yhct, String text, int rank) {
        static Diagnosis of(Condition condition, int rank) {
            Coding icd = coding(condition.getCode(), ICD10);
            Coding yhct = coding(condition.getCode(), YHCT);
            return new Diagnosis(icd == null ? null : icd.getCode(), icd == null ? null : icd.getDisplay(),
                    yhct == null ? null : yhct.getCode(), condition.getCode().getText(), rank);
        }

        String line() {
            StringBuilder s = new StringBuilder();
            if (code != null) {
                s.append(code).append(" - ");
            }
            s.append(name != null ? name : text != null ? text : "");
            return s.toString();
        }
    }

    /** "J06.9 - …; I10 - …" and, when the doctor wrote a free-text diagnosis, that text first. */
    static String diagnosisText(List<Diagnosis> diagnoses) {
        List<String> parts = new ArrayList<>();
        for (Diagnosis d : diagnoses) {
            parts.add(d.line());
        }
        return String.join("; ", parts);
    }

    // ------------------------------------------------------------ small readers of the shapes

    static String idOf(Reference reference, String type) {
        if (reference == null || !reference.hasReference()) {
            return null;
        }
        String ref = reference.getReference();
        if (!ref.startsWith(type + "/")) {
            return null;
        }
        String id = ref.substring(type.length() + 1);
        int history = id.indexOf("/_history");
        return history >= 0 ? id.substring(0, history) : id;
    }

    static String identifier(List<Identifier> identifiers, String system) {
        return identifiers.stream().filter(i -> system.equals(i.getSystem())).map(Identifier::getValue)
                .findFirst().orElse(null);
    }

    static Coding coding(CodeableConcept concept, String system) {
        return concept.getCoding().stream().filter(c -> system.equals(c.getSystem())).findFirst().orElse(null);
    }

    static String display(CodeableConcept concept) {
        if (concept == null || concept.isEmpty()) {
            return null;
        }
        if (concept.hasText()) {
            return concept.getText();
        }
        Coding c = concept.getCodingFirstRep();
        return c.hasDisplay() ? c.getDisplay() : c.getCode();
    }

    static String name(HumanName name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        if (name.hasText()) {
            return name.getText();
        }
        // Vietnamese order: family (họ) then given names (đệm, tên)
        List<String> parts = new ArrayList<>();
        if (name.hasFamily()) {
            parts.add(name.getFamily());
        }
        name.getGiven().forEach(g -> parts.add(g.getValue()));
        return String.join(" ", parts);
    }

    static String patientName(Patient patient) {
        HumanName official = patient.getName().stream().filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL)
                .findFirst().orElse(patient.getNameFirstRep());
        return name(official);
    }

    static String sex(Patient patient) {
        if (patient.getGender() == null) {
            return null;
        }
        return switch (patient.getGender()) {
            case MALE -> "Nam";
            case FEMALE -> "Nữ";
            default -> "Chưa xác định";
        };
    }

    static String address(Patient patient) {
        if (!patient.hasAddress()) {
            return null;
        }
        var a = patient.getAddressFirstRep();
        if (a.hasText()) {
            return a.getText();
        }
        List<String> parts = new ArrayList<>();
        a.getLine().forEach(l -> parts.add(l.getValue()));
        if (a.hasDistrict()) {
            parts.add(a.getDistrict());
        }
        if (a.hasCity()) {
            parts.add(a.getCity());
        }
        if (a.hasState()) {
            parts.add(a.getState());
        }
        return String.join(", ", parts);
    }

    static String extensionCode(org.hl7.fhir.r4.model.DomainResource resource, String url) {
        Extension e = resource.getExtensionByUrl(url);
        if (e == null || !(e.getValue() instanceof Coding c)) {
            return null;
        }
        return c.hasDisplay() ? c.getCode() + " - " + c.getDisplay() : c.getCode();
    }

    /** The Composition's type code in {@code V/CodeSystem/document-type}, or null. */
    static String typeCode(Composition composition) {
        Coding c = coding(composition.getType(), DOCUMENT_TYPE);
        return c == null ? null : c.getCode();
    }

    /** The benefit level (mức hưởng) stored as {@code class} with type text {@code muc-huong}. */
    static String benefitLevel(Coverage coverage) {
        return coverage.getClass_().stream().filter(c -> "muc-huong".equals(c.getType().getText()))
                .map(Coverage.ClassComponent::getValue).findFirst().map(v -> v + "%").orElse(null);
    }

    /** Patient of an Appointment: its participant whose actor is a Patient. */
    static Reference appointmentActor(Appointment appointment, String type) {
        return appointment.getParticipant().stream().map(Appointment.AppointmentParticipantComponent::getActor)
                .filter(r -> r.hasReference() && r.getReference().startsWith(type + "/")).findFirst().orElse(null);
    }
}

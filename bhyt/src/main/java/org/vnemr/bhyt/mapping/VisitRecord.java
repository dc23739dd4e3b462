package org.vnemr.bhyt.mapping;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the clinical record holds about one visit that the XML tables need, in the shapes of
 * docs/architecture/clinical-data.md: loaded from the store for an export, or built from XML by the import.
 * References between them are resolved by {@code Type/id} (or {@code urn:uuid:} for imported resources).
 */
public final class VisitRecord {

    public Encounter encounter;
    public Patient patient;
    public Coverage coverage;
    public Organization facility;
    public final Map<String, Organization> organizations = new LinkedHashMap<>();
    public final Map<String, Practitioner> practitioners = new LinkedHashMap<>();
    public final List<Encounter> departmentStays = new ArrayList<>();
    public final List<Condition> conditions = new ArrayList<>();
    public final List<ChargeItem> charges = new ArrayList<>();
    public final List<MedicationRequest> medications = new ArrayList<>();
    public final List<ServiceRequest> serviceRequests = new ArrayList<>();
    public final List<Observation> observations = new ArrayList<>();
    public final List<DiagnosticReport> reports = new ArrayList<>();
    public final List<Composition> compositions = new ArrayList<>();
    public final List<Appointment> appointments = new ArrayList<>();

    /** Key used in references to {@code resource}: {@code Type/id}, or the full {@code urn:uuid:…} id. */
    public static String key(Resource resource) {
        String id = resource.getIdElement().getIdPart();
        if (resource.getId() != null && resource.getId().startsWith("urn:")) {
            return resource.getId();
        }
        return resource.fhirType() + "/" + id;
    }

    public static String key(org.hl7.fhir.r4.model.Reference reference) {
        String ref = reference == null ? null : reference.getReference();
        if (ref == null) {
            return "";
        }
        if (ref.startsWith("urn:")) {
            return ref;
        }
        org.hl7.fhir.r4.model.IdType id = new org.hl7.fhir.r4.model.IdType(ref);
        return id.getResourceType() + "/" + id.getIdPart();
    }

    public Optional<Organization> organization(org.hl7.fhir.r4.model.Reference reference) {
        return Optional.ofNullable(organizations.get(key(reference)));
    }

    public Optional<Practitioner> practitioner(org.hl7.fhir.r4.model.Reference reference) {
        return Optional.ofNullable(practitioners.get(key(reference)));
    }

    public Optional<Condition> condition(org.hl7.fhir.r4.model.Reference reference) {
        String key = key(reference);
        return conditions.stream().filter(c -> key(c).equals(key)).findFirst();
    }

    public Optional<Composition> composition(String documentType) {
        return compositions.stream().filter(c -> c.getType().getCoding().stream()
                .anyMatch(cd -> ContractUrls.CS_DOCUMENT_TYPE.equals(cd.getSystem())
                        && documentType.equals(cd.getCode()))).findFirst();
    }

    public List<Composition> compositions(String documentType) {
        return compositions.stream().filter(c -> c.getType().getCoding().stream()
                .anyMatch(cd -> ContractUrls.CS_DOCUMENT_TYPE.equals(cd.getSystem())
                        && documentType.equals(cd.getCode()))).toList();
    }

    /**
     * The documents of a type as they stand: without those entered in error and without those another document
     * {@code relatesTo replaces} (a corrected signed treatment sheet stays in the record, its correction counts).
     */
    public List<Composition> compositionsInForce(String documentType) {
        java.util.Set<String> replaced = new java.util.HashSet<>();
        for (Composition c : compositions) {
            for (Composition.CompositionRelatesToComponent r : c.getRelatesTo()) {
                if (r.getCode() == Composition.DocumentRelationshipType.REPLACES && r.hasTargetReference()) {
                    replaced.add(r.getTargetReference().getReferenceElement().getIdPart());
                }
            }
        }
        return compositions(documentType).stream()
                .filter(c -> c.getStatus() != Composition.CompositionStatus.ENTEREDINERROR)
                .filter(c -> !replaced.contains(c.getIdElement().getIdPart())).toList();
    }
}

package org.vnemr.bhyt.export;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
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
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.vnemr.bhyt.mapping.ContractUrls;
import org.vnemr.bhyt.mapping.VisitRecord;
import org.vnemr.bhyt.xml130.Xml130Exception;
import org.vnemr.fhir.search.SearchResult;
import org.vnemr.fhir.search.SearchService;
import org.vnemr.fhir.store.ResourceStore;
import org.vnemr.fhir.store.StoredResource;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one visit's record from the store (read-only): the Encounter, then everything pointing at it by the
 * search parameters of the contract (context, encounter, part-of), then what those resources reference (patient,
 * coverage, departments, doctors, receiving facility). One visit costs about a dozen indexed queries.
 */
public final class StoreVisitLoader {

    private final ResourceStore store;
    private final SearchService search;
    private final IParser parser;

    public StoreVisitLoader(ResourceStore store, SearchService search, FhirContext fhirContext) {
        this.store = store;
        this.search = search;
        this.parser = fhirContext.newJsonParser();
    }

    public VisitRecord load(String encounterId) {
        Encounter encounter = read(Encounter.class, "Encounter", encounterId)
                .orElseThrow(() -> new Xml130Exception("VNEMR-7005", encounterId));
        String ref = "Encounter/" + encounterId;
        VisitRecord v = new VisitRecord();
        v.encounter = encounter;
        if (!encounter.getIdentifier().stream().anyMatch(i -> ContractUrls.SID_MA_LK.equals(i.getSystem()))) {
            throw new Xml130Exception("VNEMR-7006", encounterId, ContractUrls.SID_MA_LK);
        }
        String patientRef = encounter.getSubject().getReference();
        v.patient = read(Patient.class, patientRef).orElse(new Patient());
        v.departmentStays.addAll(find(Encounter.class, "Encounter", "part-of", ref));
        v.conditions.addAll(find(Condition.class, "Condition", "encounter", ref));
        v.charges.addAll(find(ChargeItem.class, "ChargeItem", "context", ref));
        v.medications.addAll(find(MedicationRequest.class, "MedicationRequest", "encounter", ref));
        v.serviceRequests.addAll(find(ServiceRequest.class, "ServiceRequest", "encounter", ref));
        v.observations.addAll(find(Observation.class, "Observation", "encounter", ref));
        v.reports.addAll(find(DiagnosticReport.class, "DiagnosticReport", "encounter", ref));
        v.compositions.addAll(find(Composition.class, "Composition", "encounter", ref));
        for (Appointment a : find(Appointment.class, "Appointment", "patient", patientRef)) {
            var source = a.getExtensionByUrl(ContractUrls.EXT_SOURCE_ENCOUNTER);
            if (source != null && source.getValue() instanceof Reference r && ref.equals(r.getReference())) {
                v.appointments.add(a);
            }
        }
        // the card in force for the visit: the Account's coverage, else the patient's active card
        List<Coverage> cards = find(Coverage.class, "Coverage", "beneficiary", patientRef);
        v.coverage = cards.stream().filter(c -> c.getStatus() == Coverage.CoverageStatus.ACTIVE).reduce((a, b) -> b)
                .orElse(cards.isEmpty() ? null : cards.get(cards.size() - 1));
        List<Reference> organisations = new ArrayList<>();
        organisations.add(encounter.getServiceProvider());
        v.departmentStays.forEach(s -> organisations.add(s.getServiceProvider()));
        v.charges.forEach(c -> organisations.add(c.getPerformingOrganization()));
        v.serviceRequests.forEach(s -> organisations.addAll(s.getPerformer()));
        organisations.add(new Reference("Organization/facility"));
        for (Reference o : organisations) {
            String key = VisitRecord.key(o);
            if (key.startsWith("Organization/") && !v.organizations.containsKey(key)) {
                read(Organization.class, o.getReference()).ifPresent(org -> v.organizations.put(key, org));
            }
        }
        v.facility = v.organizations.get("Organization/facility");
        List<Reference> people = new ArrayList<>();
        encounter.getParticipant().forEach(p -> people.add(p.getIndividual()));
        v.medications.forEach(m -> people.add(m.getRequester()));
        v.serviceRequests.forEach(s -> people.add(s.getRequester()));
        v.reports.forEach(r -> people.addAll(r.getResultsInterpreter()));
        v.compositions.forEach(c -> people.addAll(c.getAuthor()));
        v.charges.forEach(c -> c.getPerformer().forEach(p -> people.add(p.getActor())));
        v.appointments.forEach(a -> a.getParticipant().forEach(p -> people.add(p.getActor())));
        for (Reference p : people) {
            String key = VisitRecord.key(p);
            if (key.startsWith("Practitioner/") && !v.practitioners.containsKey(key)) {
                read(Practitioner.class, p.getReference()).ifPresent(pr -> v.practitioners.put(key, pr));
            }
        }
        return v;
    }

    /**
     * Ids of the visits (Encounters carrying a MA_LK) that ended between {@code from} and {@code to} inclusive, in
     * Vietnam time, optionally only those that went through department {@code maKhoa}.
     */
    public List<String> finishedBetween(LocalDate from, LocalDate to, String maKhoa) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("date", List.of("ge" + from, "le" + to.plusDays(1)));
        params.put("identifier", List.of(ContractUrls.SID_MA_LK + "|"));
        params.put("_count", List.of("500"));
        List<String> ids = new ArrayList<>();
        for (Encounter e : all(Encounter.class, "Encounter", params)) {
            if (e.getPeriod().getEnd() == null) {
                continue;
            }
            LocalDate end = ZonedDateTime.ofInstant(e.getPeriod().getEnd().toInstant(),
                    org.vnemr.bhyt.xml130.Xml130Values.VIETNAM).toLocalDate();
            if (end.isBefore(from) || end.isAfter(to)) {
                continue;
            }
            if (maKhoa != null && !maKhoa.isBlank() && !org.vnemr.bhyt.mapping.DossierMapper
                    .departmentCodes(load(e.getIdElement().getIdPart())).contains(maKhoa)) {
                continue;
            }
            ids.add(e.getIdElement().getIdPart());
        }
        return ids;
    }

    private <T extends Resource> List<T> find(Class<T> type, String resourceType, String param, String value) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put(param, List.of(value));
        params.put("_count", List.of("1000"));
        return all(type, resourceType, params);
    }

    private <T extends Resource> List<T> all(Class<T> type, String resourceType, Map<String, List<String>> params) {
        List<T> result = new ArrayList<>();
        Map<String, List<String>> page = params;
        while (page != null) {
            SearchResult found = search.search(resourceType, page);
            for (StoredResource s : found.matches()) {
                if (!s.deleted()) {
                    result.add(parser.parseResource(type, s.json()));
                }
            }
            page = found.nextParams();
        }
        return result;
    }

    private <T extends Resource> Optional<T> read(Class<T> type, String reference) {
        if (reference == null || !reference.contains("/")) {
            return Optional.empty();
        }
        String[] parts = reference.split("/");
        return read(type, parts[parts.length - 2], parts[parts.length - 1]);
    }

    private <T extends Resource> Optional<T> read(Class<T> type, String resourceType, String id) {
        return store.read(resourceType, id).filter(s -> !s.deleted()).map(s -> parser.parseResource(type, s.json()));
    }
}

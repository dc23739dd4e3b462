package org.vnemr.emr.store;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.fhir.rest.BundleProcessor;
import org.vnemr.fhir.search.SearchResult;
import org.vnemr.fhir.search.SearchService;
import org.vnemr.fhir.store.ResourceStore;
import org.vnemr.fhir.store.StoredResource;
import org.vnemr.fhir.store.WriteOptions;
import org.vnemr.platform.audit.AuditAction;
import org.vnemr.platform.audit.AuditRecord;
import org.vnemr.platform.audit.AuditTrail;
import org.vnemr.platform.patient.PatientReferences;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Kho dữ liệu lâm sàng as the screens see it: HAPI model objects in, HAPI model objects out, over the same store,
 * validation and write guards as {@code /fhir}. Every call is written to the audit trail with the user, their role,
 * the patients concerned and the purpose (treatment, by default). A screen action that records several facts
 * calls {@link #transaction} once: all of them are stored, or none.
 */
public class ClinicalStore {

    /** Purpose of use written to the audit trail when a screen does not say otherwise (v3 PurposeOfUse TREAT). */
    public static final String TREATMENT = "TREAT";
    /**
     * Request attribute set by the authorisation interceptor when the access is allowed only by break-the-glass: its
     * value is the typed reason, and every access of the request is audited with purpose BTG.
     */
    public static final String BREAK_GLASS_ATTRIBUTE = "vnemr.breakGlass";

    private final FhirContext fhir;
    private final ResourceStore store;
    private final SearchService search;
    private final BundleProcessor bundles;
    private final AuditTrail audit;
    private final ObjectMapper json = new ObjectMapper();

    public ClinicalStore(FhirContext fhir, ResourceStore store, SearchService search, BundleProcessor bundles,
                         AuditTrail audit) {
        this.fhir = fhir;
        this.store = store;
        this.search = search;
        this.bundles = bundles;
        this.audit = audit;
    }

    /** Reads the current version; empty when it does not exist or was deleted. Audited as a read. */
    public <T extends Resource> Optional<T> read(Class<T> type, String id, CurrentUser user) {
        String typeName = fhir.getResourceType(type);
        Optional<StoredResource> found = store.read(typeName, id).filter(r -> !r.deleted());
        record(user, AuditAction.READ, typeName + "/" + id,
                found.map(r -> patients(typeName, r)).orElse(List.of()));
        return found.map(r -> parser().parseResource(type, r.json()));
    }

    /** Reads without writing to the audit trail: only for facility set-up data (departments, rooms, staff). */
    public <T extends Resource> Optional<T> readReference(Class<T> type, String id) {
        return store.read(fhir.getResourceType(type), id).filter(r -> !r.deleted())
                .map(r -> parser().parseResource(type, r.json()));
    }

    /**
     * The patients a stored resource points at ({@code subject}, {@code patient} …), read from its stored text
     * without building a model or writing an audit entry: for the access decision before a screen opens a visit,
     * which audits its own outcome. Empty when the resource does not exist or was deleted.
     */
    public List<String> patientsOf(Class<? extends Resource> type, String id) {
        String typeName = fhir.getResourceType(type);
        return store.read(typeName, id).filter(r -> !r.deleted()).map(r -> patients(typeName, r))
                .orElse(List.of());
    }

    /** A FHIR search with the usual parameters ({@code _count}, {@code _sort}, {@code _include} …). Audited. */
    public <T extends Resource> List<T> search(Class<T> type, Map<String, List<String>> params, CurrentUser user) {
        return searchWithIncludes(type, params, user).matches();
    }

    /** Matches and {@code _include}d resources of one search page. */
    public record Page<T extends Resource>(List<T> matches, List<Resource> included, Integer total) {
    }

    public <T extends Resource> Page<T> searchWithIncludes(Class<T> type, Map<String, List<String>> params,
                                                            CurrentUser user) {
        String typeName = fhir.getResourceType(type);
        SearchResult result = search.search(typeName, params);
        IParser parser = parser();
        List<T> matches = new ArrayList<>();
        Set<String> patients = new LinkedHashSet<>();
        for (StoredResource r : result.matches()) {
            matches.add(parser.parseResource(type, r.json()));
            patients.addAll(patients(typeName, r));
        }
        List<Resource> included = new ArrayList<>();
        for (StoredResource r : result.included()) {
            included.add((Resource) parser.parseResource(r.json()));
            patients.addAll(patients(r.resourceType(), r));
        }
        record(user, AuditAction.SEARCH, typeName + "?" + params.keySet(), List.copyOf(patients));
        return new Page<>(matches, included, result.total());
    }

    /** Searches facility set-up data (departments, rooms, beds, staff, catalogues) without an audit entry. */
    public <T extends Resource> List<T> searchReference(Class<T> type, Map<String, List<String>> params) {
        IParser parser = parser();
        return search.search(fhir.getResourceType(type), params).matches().stream()
                .map(r -> parser.parseResource(type, r.json())).toList();
    }

    /**
     * Stores all resources in one transaction. A resource without an id, or whose id is {@code urn:uuid:…}, is
     * created (references to that urn inside the list are rewritten by the store); one with an id is updated.
     *
     * @return the stored reference ({@code Type/id}) of each resource, in order
     * @throws WriteRefused when the store refused anything; then nothing was written
     */
    public List<String> transaction(List<? extends Resource> resources, CurrentUser user) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Resource resource : resources) {
            Bundle.BundleEntryComponent entry = bundle.addEntry();
            String type = resource.fhirType();
            String id = resource.getIdElement().getIdPart();
            String full = resource.getIdElement().getValue();
            if (id == null || (full != null && full.startsWith("urn:uuid:"))) {
                String urn = full != null && full.startsWith("urn:uuid:") ? full : "urn:uuid:" + UUID.randomUUID();
                entry.setFullUrl(urn).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(type);
                resource.setId((String) null);
            } else {
                entry.setFullUrl(type + "/" + id).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(type + "/" + id);
            }
            entry.setResource(resource);
        }
        // a Provenance names the exact version it revised (Composition/x/_history/2); HAPI strips versions by default
        String text = fhir.newJsonParser().setDontStripVersionsFromReferencesAtPaths("Provenance.entity.what")
                .encodeResourceToString(bundle);
        List<String> patients = PatientReferences.inJsonText(text);
        String response;
        try {
            response = bundles.process((ObjectNode) json.readTree(text), "", BundleProcessor.Return.MINIMAL,
                    new WriteOptions(true, false));
        } catch (BaseServerResponseException e) {
            record(user, AuditAction.TRANSACTION, "Bundle(" + resources.size() + ")", patients,
                    e.getStatusCode() + " " + e.getMessage());
            throw refused(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Bundle answer = parser().parseResource(Bundle.class, response);
        List<String> references = new ArrayList<>();
        java.util.Map<String, String> stored = new java.util.HashMap<>();
        for (int i = 0; i < answer.getEntry().size(); i++) {
            String location = answer.getEntry().get(i).getResponse().getLocation();
            String reference = location == null ? null : location.replaceAll("/_history/.*$", "");
            references.add(reference);
            if (reference != null) {
                stored.put(bundle.getEntry().get(i).getFullUrl(), reference);
                resources.get(i).setId(reference);
            }
        }
        // the caller's objects now say what the store holds: urn:uuid references become Type/id, so an object can
        // be used again (e.g. a visit handed to the charge capture after it was stored)
        boolean created = stored.keySet().stream().anyMatch(url -> url != null && url.startsWith("urn:uuid:"));
        ca.uhn.fhir.util.FhirTerser terser = fhir.newTerser();
        for (Resource resource : created ? resources : List.<Resource>of()) {
            for (org.hl7.fhir.r4.model.Reference reference
                    : terser.getAllPopulatedChildElementsOfType(resource, org.hl7.fhir.r4.model.Reference.class)) {
                String target = stored.get(reference.getReference());
                if (target != null) {
                    reference.setReference(target);
                }
            }
        }
        record(user, AuditAction.TRANSACTION, String.join(",", references), patients);
        return references;
    }

    private WriteRefused refused(BaseServerResponseException e) {
        List<WriteRefused.Problem> problems = new ArrayList<>();
        IBaseOperationOutcome outcome = e.getOperationOutcome();
        if (outcome instanceof OperationOutcome oo) {
            for (OperationOutcome.OperationOutcomeIssueComponent issue : oo.getIssue()) {
                String expression = issue.getExpression().isEmpty() ? null
                        : issue.getExpression().get(0).getValue();
                String code = issue.getDetails().getCoding().isEmpty() ? null
                        : issue.getDetails().getCodingFirstRep().getCode();
                problems.add(new WriteRefused.Problem(expression, issue.getDetails().getText(),
                        issue.getDiagnostics(), code));
            }
        }
        if (problems.isEmpty()) {
            problems.add(new WriteRefused.Problem(null, e.getMessage(), e.getMessage(), null));
        }
        return new WriteRefused(e.getStatusCode(), problems);
    }

    private List<String> patients(String type, StoredResource r) {
        return "Patient".equals(type) ? List.of(r.id()) : PatientReferences.inJsonText(r.json());
    }

    private void record(CurrentUser user, AuditAction action, String what, List<String> patients) {
        record(user, action, what, patients, null);
    }

    private void record(CurrentUser user, AuditAction action, String what, List<String> patients, String failure) {
        AuditRecord record = AuditRecord.of(user == null ? null : user.username(), action)
                .withRole(user == null ? null : user.roleCodes())
                .withPractitioner(user == null ? null : user.practitionerReference().orElse(null))
                .withWhat(what)
                .withPatients(patients.stream().map(p -> p.startsWith("Patient/") ? p.substring(8) : p).toList())
                .withPurpose(TREATMENT)
                .withClientAddress(clientAddress());
        String breakGlass = breakGlassReason();
        if (breakGlass != null) {
            record = record.withBreakGlass(breakGlass);
        }
        if (failure != null) {
            record = record.withOutcome(org.vnemr.platform.audit.AuditOutcome.MINOR_FAILURE, failure);
        }
        audit.record(record);
    }

    private static String breakGlassReason() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return (String) attributes.getRequest().getAttribute(BREAK_GLASS_ATTRIBUTE);
        }
        return null;
    }

    private static String clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    private IParser parser() {
        return fhir.newJsonParser();
    }
}

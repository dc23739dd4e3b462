package org.vnemr.platform.audit.web;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.instance.model.api.IIdType;
import org.vnemr.platform.audit.AuditAction;
import org.vnemr.platform.patient.PatientReferences;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one FHIR request did, as far as it is known when HAPI has routed it: the interaction, its target, the
 * patients already known, and — for a transaction or batch — one part per entry. Some patients are only known
 * from the answer (the id of a created Patient, the subject of a read Observation); {@link #need} says which part
 * of the answer the audit filter must look at.
 */
final class FhirAccess {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What of the response is still needed to know the patients. */
    enum Need { NOTHING, RESPONSE_BODY, LOCATION, BUNDLE_RESPONSE }

    /**
     * One audited part: a whole interaction, or one entry of a Bundle.
     *
     * @param pendingEntries indexes of Bundle entries whose created Patient's id the response will give
     */
    record Part(AuditAction action, String what, Set<String> patients, List<Integer> pendingEntries) {
    }

    final List<Part> parts;
    final Need need;

    private FhirAccess(List<Part> parts, Need need) {
        this.parts = parts;
        this.need = need;
    }

    /** Describes a routed request; null for what is not audited (the CapabilityStatement). */
    static FhirAccess describe(RequestDetails request, String queryString) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation == null || operation == RestOperationTypeEnum.METADATA) {
            return null;
        }
        String type = request.getResourceName();
        IIdType id = request.getId();
        String idPart = id == null || !id.hasIdPart() ? null : id.getIdPart();
        boolean patient = "Patient".equals(type);
        Set<String> patients = new LinkedHashSet<>();
        if (patient && idPart != null) {
            patients.add(idPart);
        }
        String target = type == null ? "" : idPart == null ? type : type + "/" + idPart;
        Need need = Need.NOTHING;
        AuditAction action;
        String what = target;
        switch (operation) {
            case READ -> {
                action = AuditAction.READ;
                need = patient ? Need.NOTHING : Need.RESPONSE_BODY;
            }
            case VREAD -> {
                action = AuditAction.VREAD;
                what = target + "/_history/" + id.getVersionIdPart();
                need = patient ? Need.NOTHING : Need.RESPONSE_BODY;
            }
            case SEARCH_TYPE, SEARCH_SYSTEM, GET_PAGE -> {
                action = AuditAction.SEARCH;
                what = target + "?" + (queryString == null ? "" : queryString);
                patients.addAll(PatientReferences.inSearch(type, request.getParameters()));
            }
            case HISTORY_INSTANCE, HISTORY_TYPE, HISTORY_SYSTEM -> {
                action = AuditAction.HISTORY;
                what = target + "/_history";
            }
            case CREATE -> {
                action = AuditAction.CREATE;
                if (patient) {
                    need = Need.LOCATION;
                } else {
                    patients.addAll(PatientReferences.inJsonText(body(request)));
                }
            }
            case UPDATE -> {
                action = AuditAction.UPDATE;
                if (!patient) {
                    patients.addAll(PatientReferences.inJsonText(body(request)));
                }
            }
            case PATCH -> {
                action = AuditAction.PATCH;
                need = patient ? Need.NOTHING : Need.RESPONSE_BODY;
            }
            case DELETE -> action = AuditAction.DELETE;
            case TRANSACTION, BATCH -> {
                return describeBundle(request);
            }
            default -> {
                String name = request.getOperation();
                // handing a patient's data over (Luật 91/2025) is an export, not just an operation
                action = "$personal-data-export".equals(name) ? AuditAction.EXPORT : AuditAction.OPERATION;
                what = (target.isEmpty() ? "" : target + "/") + (name == null ? operation.getCode() : name)
                        + (queryString == null ? "" : "?" + queryString);
            }
        }
        return new FhirAccess(List.of(new Part(action, what, patients, List.of())), need);
    }

    /** A transaction or batch: the Bundle as a whole, then each entry (JSON bodies; XML only as a whole). */
    private static FhirAccess describeBundle(RequestDetails request) {
        JsonNode bundle = null;
        try {
            String text = body(request);
            if (text != null && text.stripLeading().startsWith("{")) {
                bundle = JSON.readTree(text);
            }
        } catch (IOException e) {
            bundle = null; // the store will refuse it; the audit records the refused transaction
        }
        boolean batch = bundle != null && "batch".equals(bundle.path("type").asText());
        List<Part> parts = new ArrayList<>();
        parts.add(new Part(batch ? AuditAction.BATCH : AuditAction.TRANSACTION, "Bundle", Set.of(), List.of()));
        if (bundle == null || !bundle.path("entry").isArray()) {
            return new FhirAccess(parts, Need.NOTHING);
        }
        JsonNode entries = bundle.path("entry");
        Map<String, Integer> patientEntries = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            if ("Patient".equals(entry.path("resource").path("resourceType").asText())
                    && entry.path("fullUrl").isTextual()) {
                patientEntries.put(entry.path("fullUrl").asText(), i);
            }
        }
        boolean pending = false;
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String method = entry.path("request").path("method").asText("");
            String url = entry.path("request").path("url").asText("");
            JsonNode resource = entry.path("resource");
            AuditAction action = switch (method) {
                case "GET", "HEAD" -> url.contains("?") ? AuditAction.SEARCH : AuditAction.READ;
                case "POST" -> url.contains("$") ? AuditAction.OPERATION : AuditAction.CREATE;
                case "PUT" -> AuditAction.UPDATE;
                case "PATCH" -> AuditAction.PATCH;
                case "DELETE" -> AuditAction.DELETE;
                default -> AuditAction.OPERATION;
            };
            Set<String> patients = new LinkedHashSet<>();
            List<Integer> waiting = new ArrayList<>();
            String type = resource.path("resourceType").asText(null);
            if ("Patient".equals(type)) {
                String id = resource.path("id").asText(null);
                if (id != null && !"POST".equals(method)) {
                    patients.add(id);
                } else {
                    waiting.add(i);
                }
            } else if (resource.isObject()) {
                for (String pointer : new String[] {"subject", "patient", "beneficiary", "individual"}) {
                    String reference = resource.path(pointer).path("reference").asText(null);
                    if (reference != null && patientEntries.containsKey(reference)) {
                        waiting.add(patientEntries.get(reference));
                    }
                }
                patients.addAll(PatientReferences.inResource(resource));
            }
            if (resource.isMissingNode()) {
                String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
                if (path.startsWith("Patient/")) {
                    String id = PatientReferences.idOf(path, false);
                    if (id != null) {
                        patients.add(id);
                    }
                } else if (url.contains("?")) {
                    patients.addAll(PatientReferences.inSearch(path, queryOf(url)));
                }
            }
            pending |= !waiting.isEmpty();
            parts.add(new Part(action, url.isEmpty() ? type : url, patients, waiting));
        }
        return new FhirAccess(parts, pending ? Need.BUNDLE_RESPONSE : Need.NOTHING);
    }

    private static Map<String, String[]> queryOf(String url) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String name = java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        Map<String, String[]> result = new LinkedHashMap<>();
        params.forEach((k, v) -> result.put(k, v.toArray(String[]::new)));
        return result;
    }

    /** The request body as text: HAPI keeps the bytes it read, so the handler reads the same ones again. */
    private static String body(RequestDetails request) {
        byte[] bytes = request.loadRequestContents();
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** The patients of each part once the answer is known. */
    List<Set<String>> patientsAfter(String responseBody, String location) {
        List<Set<String>> result = new ArrayList<>();
        List<String> locations = need == Need.BUNDLE_RESPONSE ? locations(responseBody) : List.of();
        for (Part part : parts) {
            Set<String> patients = new LinkedHashSet<>(part.patients());
            if (need == Need.RESPONSE_BODY) {
                patients.addAll(PatientReferences.inJsonText(responseBody));
            } else if (need == Need.LOCATION && location != null) {
                String id = PatientReferences.idOf(location, false);
                if (id != null) {
                    patients.add(id);
                }
            }
            for (int index : part.pendingEntries()) {
                if (index < locations.size() && locations.get(index) != null) {
                    String id = PatientReferences.idOf(locations.get(index), false);
                    if (id != null) {
                        patients.add(id);
                    }
                }
            }
            result.add(patients);
        }
        return result;
    }

    private static List<String> locations(String responseBody) {
        List<String> locations = new ArrayList<>();
        if (responseBody == null || responseBody.isEmpty()) {
            return locations;
        }
        try {
            for (JsonNode entry : JSON.readTree(responseBody).path("entry")) {
                locations.add(entry.path("response").path("location").asText(null));
            }
        } catch (IOException e) {
            // not a Bundle (an OperationOutcome): nothing was created
        }
        return locations;
    }
}

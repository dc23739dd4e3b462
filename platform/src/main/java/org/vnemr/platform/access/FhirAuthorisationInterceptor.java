package org.vnemr.platform.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.fhir.rest.ReadService;
import org.vnemr.platform.audit.AuditAttributes;
import org.vnemr.platform.auth.BearerTokenFilter;
import org.vnemr.platform.auth.TokenClaims;
import org.vnemr.platform.patient.PatientReferences;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Authorises every FHIR interaction with {@link AccessDecision} before it runs (order −90: after the audit has
 * noted the request, before the fast path answers it). Interactions map to permissions: read, vread, search,
 * history, {@code $everything}, {@code $access-log} → view; create → create; update, patch → edit; delete → cancel;
 * {@code $export}, {@code $personal-data-export} → export; a transaction or batch needs the permission of each entry. The patient comes from the
 * URL, the search parameters, the body, or (read, update, delete of other types) the stored resource.
 *
 * <p>Searches that name no patient: {@code Patient} searches (finding a patient by name or identifier) need any view
 * scope; other types need view over all departments — per-department filtering inside the search SQL is the next
 * step. {@code AuditEvent} is for the auditor and administrators only. Break-the-glass: header
 * {@value #BREAK_GLASS_HEADER} with the reason.
 */
@Interceptor
public class FhirAuthorisationInterceptor {

    public static final String BREAK_GLASS_HEADER = "X-Vnemr-Break-Glass";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AccessDecision decision;
    private final PatientScope scopes;
    private final ReadService reads;

    public FhirAuthorisationInterceptor(AccessDecision decision, PatientScope scopes, ReadService reads) {
        this.decision = decision;
        this.scopes = scopes;
        this.reads = reads;
    }

    /** One check to make: a permission over one patient's data (null: not one patient's). */
    record Requirement(Permission permission, String patient, boolean crossPatientSearch) {
    }

    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = -90)
    public boolean authorise(RequestDetails request, HttpServletRequest servletRequest) {
        if (!(servletRequest.getAttribute(BearerTokenFilter.CLAIMS) instanceof TokenClaims claims)) {
            return true; // the Bearer guard is off: nothing to decide with
        }
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation == null || operation == RestOperationTypeEnum.METADATA) {
            return true;
        }
        AccessDecision.Subject subject = new AccessDecision.Subject(claims.subject(),
                claims.roles().stream().map(Role::ofCode).flatMap(java.util.Optional::stream)
                        .collect(Collectors.toSet()), Set.copyOf(claims.departments()), claims.practitioner());
        if ("AuditEvent".equals(request.getResourceName())) {
            if (!subject.roles().contains(Role.AUDITOR) && !subject.roles().contains(Role.ADMINISTRATOR)) {
                throw forbidden("VNEMR-5064");
            }
            return true;
        }
        String reason = servletRequest.getHeader(BREAK_GLASS_HEADER);
        if (reason != null) {
            reason = java.net.URLDecoder.decode(reason, StandardCharsets.UTF_8);
        }
        for (Requirement requirement : requirements(request, operation)) {
            AccessDecision.Decision d;
            if (requirement.patient() != null) {
                d = decision.decide(subject, requirement.permission(), scopes.of(requirement.patient()), reason);
            } else {
                d = decision.decide(subject, requirement.permission(), AccessDecision.Target.noPatient(), null);
                if (d.allowed() && requirement.crossPatientSearch() && !"Patient".equals(request.getResourceName())
                        && d.scope() != Scope.ALL_DEPARTMENTS) {
                    d = AccessDecision.Decision.deny("VNEMR-5063");
                }
            }
            if (!d.allowed()) {
                throw forbidden(d.errorCode());
            }
            if (d.breakGlass()) {
                servletRequest.setAttribute(AuditAttributes.BREAK_GLASS_REASON, d.breakGlassReason());
            }
        }
        return true;
    }

    private static BaseServerResponseException forbidden(String code) {
        var outcome = (org.hl7.fhir.r4.model.OperationOutcome) FhirError.build(403, code).getOperationOutcome();
        outcome.getIssueFirstRep().setCode(org.hl7.fhir.r4.model.OperationOutcome.IssueType.FORBIDDEN);
        ForbiddenOperationException e = new ForbiddenOperationException(code);
        e.setOperationOutcome(outcome);
        return e;
    }

    /** What an interaction needs: {@code (permission, patient)} pairs. */
    List<Requirement> requirements(RequestDetails request, RestOperationTypeEnum operation) {
        String type = request.getResourceName();
        String id = request.getId() != null && request.getId().hasIdPart() ? request.getId().getIdPart() : null;
        List<Requirement> needs = new ArrayList<>();
        switch (operation) {
            case READ, VREAD, HISTORY_INSTANCE -> addAll(needs, Permission.VIEW, stored(type, id));
            case SEARCH_TYPE, SEARCH_SYSTEM -> {
                List<String> patients = PatientReferences.inSearch(type, request.getParameters());
                if ("Patient".equals(type) && id != null) {
                    patients = List.of(id); // compartment search Patient/x/Observation
                }
                if (patients.isEmpty()) {
                    needs.add(new Requirement(Permission.VIEW, null, true));
                }
                addAll(needs, Permission.VIEW, patients);
            }
            case GET_PAGE -> needs.add(new Requirement(Permission.VIEW, null, false));
            case HISTORY_TYPE, HISTORY_SYSTEM -> needs.add(new Requirement(Permission.VIEW, null, true));
            case CREATE -> addAll(needs, Permission.CREATE, "Patient".equals(type) ? List.of() : inBody(request));
            case UPDATE, PATCH -> {
                Set<String> patients = new LinkedHashSet<>(stored(type, id));
                if (!"Patient".equals(type)) {
                    patients.addAll(inBody(request));
                }
                addAll(needs, Permission.EDIT, patients);
            }
            case DELETE -> addAll(needs, Permission.CANCEL, stored(type, id));
            case TRANSACTION, BATCH -> needs.addAll(entries(request));
            default -> {
                String name = request.getOperation() == null ? "" : request.getOperation();
                Permission permission = name.equals("$export") || name.equals("$personal-data-export")
                        ? Permission.EXPORT : Permission.VIEW;
                if ("Patient".equals(type) && id != null) {
                    addAll(needs, permission, List.of(id));
                } else {
                    needs.add(new Requirement(permission, null, permission == Permission.EXPORT));
                }
            }
        }
        return needs;
    }

    private static void addAll(List<Requirement> needs, Permission permission, java.util.Collection<String> patients) {
        if (patients.isEmpty()) {
            needs.add(new Requirement(permission, null, false));
        }
        for (String patient : patients) {
            needs.add(new Requirement(permission, patient, false));
        }
    }

    /** The patients of a stored resource (itself for a Patient); none when it does not exist (404 follows). */
    private List<String> stored(String type, String id) {
        if (id == null) {
            return List.of();
        }
        if ("Patient".equals(type)) {
            return List.of(id);
        }
        try {
            return PatientReferences.inJsonText(reads.read(type, id).json());
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return List.of();
        }
    }

    private static List<String> inBody(RequestDetails request) {
        byte[] body = request.loadRequestContents();
        return body == null ? List.of() : PatientReferences.inJsonText(new String(body, StandardCharsets.UTF_8));
    }

    private List<Requirement> entries(RequestDetails request) {
        List<Requirement> needs = new ArrayList<>();
        JsonNode bundle;
        try {
            byte[] body = request.loadRequestContents();
            bundle = body == null ? null : JSON.readTree(body);
        } catch (IOException e) {
            bundle = null;
        }
        if (bundle == null || !bundle.path("entry").isArray()) {
            // XML or unreadable: only someone who may create and edit everywhere
            needs.add(new Requirement(Permission.CREATE, null, true));
            needs.add(new Requirement(Permission.EDIT, null, true));
            return needs;
        }
        for (JsonNode entry : bundle.path("entry")) {
            String method = entry.path("request").path("method").asText("");
            String url = entry.path("request").path("url").asText("");
            String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
            String[] parts = path.split("/");
            JsonNode resource = entry.path("resource");
            Permission permission = switch (method) {
                case "POST" -> Permission.CREATE;
                case "PUT", "PATCH" -> Permission.EDIT;
                case "DELETE" -> Permission.CANCEL;
                default -> Permission.VIEW;
            };
            Set<String> patients = new LinkedHashSet<>(PatientReferences.inResource(resource));
            if (parts.length >= 2 && !method.equals("POST")) {
                patients.addAll(stored(parts[0], parts[1]));
            }
            boolean crossPatient = method.equals("GET") && parts.length < 2 && patients.isEmpty();
            if (patients.isEmpty()) {
                needs.add(new Requirement(permission, null, crossPatient));
            }
            for (String patient : patients) {
                needs.add(new Requirement(permission, patient, false));
            }
        }
        return needs;
    }
}

package org.vnemr.vncore.matching;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.fhir.store.FhirJson;

import java.math.BigDecimal;
import java.security.Principal;
import java.util.List;

/**
 * The FHIR face of matching and merge, added to {@code /fhir} through {@link PatientMatchingConfiguration}:
 * <ul>
 *   <li>{@code POST Patient/$match} — FHIR R4 parameters {@code resource}, {@code onlyCertainMatches},
 *       {@code count}; answers a searchset Bundle with {@code search.score}, the {@code match-grade} extension,
 *       our explanation extension per entry and an OperationOutcome entry with the reasons in Vietnamese;</li>
 *   <li>{@code POST Patient/$merge} — {@code source-patient}, {@code target-patient} (References, the R5 and
 *       HAPI names), {@code reason}; answers Parameters with {@code outcome}, {@code result} (the target)
 *       and {@code audit-event};</li>
 *   <li>{@code POST Patient/$unmerge} — the same parameters; undoes the merge.</li>
 * </ul>
 */
public class PatientMatchOperations {

    public static final String MATCH_GRADE_URL = "http://hl7.org/fhir/StructureDefinition/match-grade";
    public static final String EXPLANATION_URL = "https://vnemr.org/fhir/StructureDefinition/match-explanation";
    static final int MAX_COUNT = 100;

    private final PatientMatcher matcher;
    private final PatientMerger merger;
    private final FhirContext fhirContext;

    public PatientMatchOperations(PatientMatcher matcher, PatientMerger merger, FhirContext fhirContext) {
        this.matcher = matcher;
        this.merger = merger;
        this.fhirContext = fhirContext;
    }

    @Operation(name = "$match", typeName = "Patient", idempotent = true)
    public Bundle match(@OperationParam(name = "resource", min = 0, max = 1) IBaseResource resource,
                        @OperationParam(name = "onlyCertainMatches", min = 0, max = 1) BooleanType onlyCertain,
                        @OperationParam(name = "count", min = 0, max = 1) IntegerType count,
                        RequestDetails request) {
        if (!(resource instanceof Patient)) {
            throw FhirError.badRequest("VNEMR-3100");
        }
        int limit = count == null || count.getValue() == null ? PatientMatcher.DEFAULT_COUNT : count.getValue();
        if (limit < 1 || limit > MAX_COUNT) {
            throw FhirError.badRequest("VNEMR-3101", limit, MAX_COUNT);
        }
        boolean certainOnly = onlyCertain != null && Boolean.TRUE.equals(onlyCertain.getValue());
        var candidate = FhirJson.parseResource(fhirContext.newJsonParser().encodeResourceToString(resource));
        List<PatientMatch> matches = matcher.match(candidate, certainOnly, limit);

        IParser parser = fhirContext.newJsonParser();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.setTotal(matches.size());
        OperationOutcome reasons = new OperationOutcome();
        String base = request.getFhirServerBase();
        for (PatientMatch match : matches) {
            Patient patient = parser.parseResource(Patient.class, match.json());
            Bundle.BundleEntryComponent entry = bundle.addEntry()
                    .setFullUrl(base + "/Patient/" + match.patientId()).setResource(patient);
            Bundle.BundleEntrySearchComponent search = entry.getSearch().setMode(Bundle.SearchEntryMode.MATCH)
                    .setScore(BigDecimal.valueOf(match.score().normalised()));
            search.addExtension(MATCH_GRADE_URL, new CodeType(match.score().grade().code()));
            search.addExtension(explanation(match.score()));
            reasons.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                    .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                    .setDiagnostics("Patient/" + match.patientId() + ": " + match.score().grade().vietnamese() + " — "
                            + match.score().summary())
                    .addExpression("Bundle.entry.where(fullUrl = '" + base + "/Patient/" + match.patientId() + "')");
        }
        if (matches.isEmpty()) {
            reasons.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                    .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                    .setDiagnostics("Không tìm thấy hồ sơ bệnh nhân nào có thể trùng.");
        }
        bundle.addEntry().setResource(reasons).getSearch().setMode(Bundle.SearchEntryMode.OUTCOME);
        return bundle;
    }

    @Operation(name = "$merge", typeName = "Patient")
    public Parameters merge(@OperationParam(name = "source-patient", min = 0, max = 1) Reference source,
                            @OperationParam(name = "target-patient", min = 0, max = 1) Reference target,
                            @OperationParam(name = "reason", min = 0, max = 1) StringType reason,
                            RequestDetails request) {
        MergeOutcome outcome = merger.merge(patientId("source-patient", source), patientId("target-patient", target),
                reason == null ? null : reason.getValue(), user(request));
        return answer(outcome, "Đã gộp hồ sơ Patient/" + idOf(outcome.source()) + " vào Patient/"
                + idOf(outcome.target()) + ".");
    }

    @Operation(name = "$unmerge", typeName = "Patient")
    public Parameters unmerge(@OperationParam(name = "source-patient", min = 0, max = 1) Reference source,
                              @OperationParam(name = "target-patient", min = 0, max = 1) Reference target,
                              @OperationParam(name = "reason", min = 0, max = 1) StringType reason,
                              RequestDetails request) {
        MergeOutcome outcome = merger.unmerge(patientId("source-patient", source),
                patientId("target-patient", target), reason == null ? null : reason.getValue(), user(request));
        return answer(outcome, "Đã tách hồ sơ Patient/" + idOf(outcome.source()) + " khỏi Patient/"
                + idOf(outcome.target()) + ".");
    }

    private Parameters answer(MergeOutcome outcome, String message) {
        IParser parser = fhirContext.newJsonParser();
        Parameters parameters = new Parameters();
        OperationOutcome result = new OperationOutcome();
        result.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                .setCode(OperationOutcome.IssueType.INFORMATIONAL).setDiagnostics(message);
        parameters.addParameter().setName("outcome").setResource(result);
        parameters.addParameter().setName("result").setResource(parser.parseResource(Patient.class, outcome.target()));
        parameters.addParameter().setName("source").setResource(parser.parseResource(Patient.class, outcome.source()));
        parameters.addParameter().setName("audit-event")
                .setValue(new Reference("AuditEvent/" + outcome.auditEventId()));
        return parameters;
    }

    private static String idOf(String json) {
        return FhirJson.parseResource(json).path("id").asText();
    }

    /** {@code Patient/123}, an absolute URL ending so, or with {@code _history}: the id. */
    private static String patientId(String parameter, Reference reference) {
        if (reference == null || reference.getReference() == null || reference.getReference().isBlank()) {
            throw FhirError.badRequest("VNEMR-3116", parameter);
        }
        IdType id = new IdType(reference.getReference());
        if (!"Patient".equals(id.getResourceType()) || !id.hasIdPart()) {
            throw FhirError.badRequest("VNEMR-3117", parameter, reference.getReference());
        }
        return id.getIdPart();
    }

    private static String user(RequestDetails request) {
        if (request instanceof ServletRequestDetails servlet && servlet.getServletRequest() != null) {
            Principal principal = servlet.getServletRequest().getUserPrincipal();
            if (principal != null && principal.getName() != null) {
                return principal.getName();
            }
        }
        return "system";
    }

    private static Extension explanation(MatchScore score) {
        Extension explanation = new Extension(EXPLANATION_URL);
        for (ScoreComponent c : score.components()) {
            Extension component = explanation.addExtension().setUrl("component");
            component.addExtension("field", new CodeType(c.field()));
            component.addExtension("comparison", new CodeType(c.comparison()));
            component.addExtension("weight", new IntegerType(c.weight()));
            component.addExtension("points", new IntegerType(c.points()));
            component.addExtension("label", new StringType(c.label()));
        }
        explanation.addExtension("total", new IntegerType(score.total()));
        explanation.addExtension("score", new DecimalType(score.normalised()));
        explanation.addExtension("summary", new StringType(score.summary()));
        return explanation;
    }
}

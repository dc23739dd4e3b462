package org.vnemr.fhir.error;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.NotImplementedOperationException;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome;

import java.util.List;

/**
 * Builds the HAPI exception for one of our numbered errors, carrying an {@link OperationOutcome} whose
 * issues hold the code ({@code VNEMR-1xxx}), the Vietnamese message in {@code details.text} and the
 * English one in {@code diagnostics}. HAPI turns the exception into the HTTP status and the body.
 */
public final class FhirError {

    /** The coding system of our error codes in {@code OperationOutcome.issue.details}. */
    public static final String CODE_SYSTEM = "https://vnemr.org/fhir/CodeSystem/error";

    private FhirError() {
    }

    /** 400 Bad Request. */
    public static BaseServerResponseException badRequest(String code, Object... args) {
        return build(400, code, args);
    }

    /** 404 Not Found. */
    public static BaseServerResponseException notFound(String code, Object... args) {
        return build(404, code, args);
    }

    /** 409 Conflict. */
    public static BaseServerResponseException conflict(String code, Object... args) {
        return build(409, code, args);
    }

    /** 410 Gone (deleted). */
    public static BaseServerResponseException gone(String code, Object... args) {
        return build(410, code, args);
    }

    /** 412 Precondition Failed. */
    public static BaseServerResponseException preconditionFailed(String code, Object... args) {
        return build(412, code, args);
    }

    /** 422 Unprocessable Entity: well-formed but breaks a rule. */
    public static BaseServerResponseException unprocessable(String code, Object... args) {
        return build(422, code, args);
    }

    /** Any status, with the issues already built (e.g. all validation problems of one resource). */
    public static BaseServerResponseException withOutcome(int status, OperationOutcome outcome) {
        String text = outcome.getIssueFirstRep().getDiagnostics();
        BaseServerResponseException ex = switch (status) {
            case 404 -> new ResourceNotFoundException(text);
            case 405 -> new MethodNotAllowedException(text);
            case 409 -> new ResourceVersionConflictException(text);
            case 410 -> new ResourceGoneException(text);
            case 412 -> new PreconditionFailedException(text);
            case 413 -> new PayloadTooLargeException(text);
            case 422 -> new UnprocessableEntityException(text);
            case 501 -> new NotImplementedOperationException(text);
            case 500 -> new InternalErrorException(text);
            default -> new InvalidRequestException(text);
        };
        ex.setOperationOutcome(outcome);
        return ex;
    }

    /** An exception of the given status for one numbered error. */
    public static BaseServerResponseException build(int status, String code, Object... args) {
        return withOutcome(status, outcome(List.of(issue(OperationOutcome.IssueSeverity.ERROR,
                issueTypeFor(status), code, null, args))));
    }

    public static OperationOutcome outcome(List<OperationOutcome.OperationOutcomeIssueComponent> issues) {
        OperationOutcome outcome = new OperationOutcome();
        issues.forEach(outcome::addIssue);
        return outcome;
    }

    /** One issue of an OperationOutcome; {@code path} (FHIRPath of the element at fault) may be null. */
    public static OperationOutcome.OperationOutcomeIssueComponent issue(OperationOutcome.IssueSeverity severity,
            OperationOutcome.IssueType type, String code, String path, Object... args) {
        OperationOutcome.OperationOutcomeIssueComponent issue = new OperationOutcome.OperationOutcomeIssueComponent();
        issue.setSeverity(severity);
        issue.setCode(type);
        String vi = Messages.vi(code, args);
        String en = Messages.en(code, args);
        issue.setDetails(new CodeableConcept().setText(vi));
        issue.getDetails().addCoding().setSystem(CODE_SYSTEM).setCode(code).setDisplay(en);
        issue.setDiagnostics(code + ": " + en);
        if (path != null) {
            issue.addExpression(path);
        }
        return issue;
    }

    private static OperationOutcome.IssueType issueTypeFor(int status) {
        return switch (status) {
            case 404, 410 -> OperationOutcome.IssueType.NOTFOUND;
            case 409, 412 -> OperationOutcome.IssueType.CONFLICT;
            case 413 -> OperationOutcome.IssueType.TOOCOSTLY;
            case 422 -> OperationOutcome.IssueType.BUSINESSRULE;
            case 501 -> OperationOutcome.IssueType.NOTSUPPORTED;
            default -> OperationOutcome.IssueType.INVALID;
        };
    }
}

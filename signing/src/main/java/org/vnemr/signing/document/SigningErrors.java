package org.vnemr.signing.document;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.signing.SigningException;

import java.util.List;

/** A {@link SigningException} as the bilingual FHIR OperationOutcome every vnemr error is. */
final class SigningErrors {

    private SigningErrors() {
    }

    static BaseServerResponseException toFhir(SigningException e) {
        OperationOutcome.OperationOutcomeIssueComponent issue = new OperationOutcome.OperationOutcomeIssueComponent();
        int status = status(e.code());
        issue.setSeverity(OperationOutcome.IssueSeverity.ERROR);
        issue.setCode(switch (status) {
            case 404 -> OperationOutcome.IssueType.NOTFOUND;
            case 409 -> OperationOutcome.IssueType.CONFLICT;
            case 422 -> OperationOutcome.IssueType.BUSINESSRULE;
            case 501 -> OperationOutcome.IssueType.NOTSUPPORTED;
            default -> OperationOutcome.IssueType.INVALID;
        });
        issue.setDetails(new CodeableConcept().setText(e.messageVi()));
        issue.getDetails().addCoding().setSystem(FhirError.CODE_SYSTEM).setCode(e.code()).setDisplay(e.messageEn());
        issue.setDiagnostics(e.code() + ": " + e.messageEn());
        return FhirError.withOutcome(status, FhirError.outcome(List.of(issue)));
    }

    /** 404 unknown document; 409 state of the document; 422 certificate or OTP refused; 400 bad input. */
    static int status(String code) {
        int n = Integer.parseInt(code.substring("VNEMR-".length()));
        if (n == 4100) {
            return 404;
        }
        if (n >= 4101 && n <= 4107) {
            return 409;
        }
        if (n >= 4110 && n <= 4133) {
            return 422;
        }
        if (n == 4141) {
            return 501;
        }
        if (n < 4100) {
            return 422; // certificate and key problems of the keys module
        }
        return 400;
    }
}

package org.vnemr.vncore.profile;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.fhir.error.Messages;
import org.vnemr.vncore.identity.Problem;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the findings of one resource in the shape {@link FhirError#issue} gives every vnemr error (code in
 * {@code details.coding}, Vietnamese in {@code details.text}, English in {@code diagnostics}, FHIRPath in
 * {@code expression}), but with separate Vietnamese and English arguments, since the rules wrap messages that
 * already exist in both languages (an identity {@link Problem}, a diagnosis rule).
 */
final class Findings {

    private final List<OperationOutcome.OperationOutcomeIssueComponent> list = new ArrayList<>();

    List<OperationOutcome.OperationOutcomeIssueComponent> list() {
        return list;
    }

    void error(OperationOutcome.IssueType type, String code, String path, Object[] viArgs, Object[] enArgs) {
        add(OperationOutcome.IssueSeverity.ERROR, type, code, path, viArgs, enArgs);
    }

    /** An error for a message whose arguments read the same in both languages. */
    void error(OperationOutcome.IssueType type, String code, String path, Object... args) {
        add(OperationOutcome.IssueSeverity.ERROR, type, code, path, args, args);
    }

    /** {@code wrapper} (arguments: path, problem text) around an identity problem; its warnings stay warnings. */
    void problem(String wrapper, String path, Problem problem) {
        add(problem.warning() ? OperationOutcome.IssueSeverity.WARNING : OperationOutcome.IssueSeverity.ERROR,
                OperationOutcome.IssueType.VALUE, wrapper, path, new Object[]{path, problem.messageVi()},
                new Object[]{path, problem.messageEn()});
        // the inner code travels too, so a client can react to "wrong century digit" without parsing text
        list.get(list.size() - 1).getDetails().addCoding().setSystem(FhirError.CODE_SYSTEM).setCode(problem.code())
                .setDisplay(problem.messageEn());
    }

    void add(OperationOutcome.IssueSeverity severity, OperationOutcome.IssueType type, String code, String path,
             Object[] viArgs, Object[] enArgs) {
        OperationOutcome.OperationOutcomeIssueComponent issue = new OperationOutcome.OperationOutcomeIssueComponent();
        issue.setSeverity(severity);
        issue.setCode(type);
        String vi = Messages.vi(code, viArgs);
        String en = Messages.en(code, enArgs);
        issue.setDetails(new CodeableConcept().setText(vi));
        issue.getDetails().addCoding().setSystem(FhirError.CODE_SYSTEM).setCode(code).setDisplay(en);
        issue.setDiagnostics(code + ": " + en);
        if (path != null) {
            issue.addExpression(path);
        }
        list.add(issue);
    }
}

package org.vnemr.fhir.validation;

import org.hl7.fhir.r4.model.OperationOutcome;

import java.util.List;

/**
 * The result of one structure walk: the problems found and every reference met on the way (in document
 * order, contained resources included), for referential integrity and {@code urn:uuid} rewriting.
 */
public record ValidationReport(List<OperationOutcome.OperationOutcomeIssueComponent> issues,
        List<FoundReference> references) {

    public ValidationReport {
        issues = List.copyOf(issues);
        references = List.copyOf(references);
    }

    /** True when at least one issue is an error (or fatal), i.e. the write must be refused. */
    public boolean hasErrors() {
        for (OperationOutcome.OperationOutcomeIssueComponent issue : issues) {
            if (issue.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                    || issue.getSeverity() == OperationOutcome.IssueSeverity.FATAL) {
                return true;
            }
        }
        return false;
    }
}

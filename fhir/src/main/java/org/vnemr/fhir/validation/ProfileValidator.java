package org.vnemr.fhir.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.OperationOutcome;

import java.util.List;

/**
 * Hook for profile rules (VN Core profiles, facility rules) that run on every write after the structure
 * check. Modules above {@code fhir} provide implementations as Spring beans; {@code fhir} knows none.
 */
public interface ProfileValidator {

    /** Problems of {@code resource} against the profiles this validator knows; errors refuse the write. */
    List<OperationOutcome.OperationOutcomeIssueComponent> validate(ObjectNode resource);
}

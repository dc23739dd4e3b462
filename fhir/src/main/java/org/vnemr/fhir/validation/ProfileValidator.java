package org.vnemr.fhir.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.OperationOutcome;

import java.util.List;

/**
 * Hook for profile rules (VN Core profiles, facility rules) that run on every write after the structure
 * check. Modules above {@code fhir} provide implementations as Spring beans; {@code fhir} knows none.
 * Issues with severity error or fatal refuse the write (422); warnings are dropped by the write path.
 */
public interface ProfileValidator {

    /**
     * Problems of {@code resource} against the profiles this validator knows.
     *
     * @param context resolves the resources {@code resource} refers to, inside the running transaction
     */
    List<OperationOutcome.OperationOutcomeIssueComponent> validate(ObjectNode resource, ValidationContext context);
}

package org.vnemr.fhir.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.OperationOutcome;

/** HAPI's full (slow) instance validation: {@code $validate} and the opt-in strict write mode. */
@FunctionalInterface
public interface InstanceValidator {

    OperationOutcome validate(ObjectNode resource, String profileUrl);
}

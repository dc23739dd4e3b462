package org.vnemr.fhir.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.OperationOutcome;

/** The full (slow) validation behind {@code $validate}. */
@FunctionalInterface
public interface InstanceValidator {

    OperationOutcome validate(ObjectNode resource, String profileUrl);
}

package org.vnemr.fhir.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.OperationOutcome;

import java.util.List;

/**
 * The write-path check of a resource against FHIR R4: known elements, cardinality, primitive formats,
 * required bindings and the allowed target types of references. Works on the JSON tree with rules
 * precompiled from HAPI's R4 definitions; costs well under 0.1 ms for a typical resource.
 */
public interface StructureValidator {

    /**
     * All problems found; empty when the resource is valid. Each issue carries a {@code VNEMR-11xx} code, a
     * Vietnamese and an English message and the FHIRPath of the element at fault.
     */
    List<OperationOutcome.OperationOutcomeIssueComponent> validate(ObjectNode resource);
}

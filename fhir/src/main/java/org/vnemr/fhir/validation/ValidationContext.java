package org.vnemr.fhir.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * What a {@link ProfileValidator} may look at beyond the resource itself: other resources it refers to, as they
 * will be when the write commits — first the bodies written in the same transaction Bundle (references are
 * already rewritten to {@code Type/id}), then the store. A rule such as "this ICD-10 code is only for women"
 * needs the Condition's Patient, which may arrive in the same Bundle.
 */
public interface ValidationContext {

    /** The resource a relative literal reference ({@code Patient/123}) points to, if it exists. */
    Optional<ObjectNode> resolve(String reference);

    /** A context that resolves nothing: for validating a resource on its own ({@code $validate}, tests). */
    ValidationContext NONE = reference -> Optional.empty();
}

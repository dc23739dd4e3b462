package org.vnemr.fhir.validation;

import java.util.Set;

/**
 * A {@code Reference.reference} found in a resource.
 *
 * @param path        FHIRPath of the Reference element, e.g. {@code Observation.subject}
 * @param reference   the reference string as written ({@code Patient/1}, {@code urn:uuid:…}, {@code #p1} …)
 * @param targetTypes the resource types the element may point to; empty when any type is allowed
 */
public record FoundReference(String path, String reference, Set<String> targetTypes) {
}

package org.vnemr.fhir.rest;

import java.util.List;

/**
 * Lets modules above {@code fhir} add HAPI providers (operations such as {@code CodeSystem/$lookup}) and
 * interceptors (audit, authorisation) to the one REST server at {@code /fhir}. Each module publishes a Spring
 * bean of this type; the server collects them when its servlet starts.
 */
public interface FhirRestExtension {

    /** Plain or resource providers with HAPI annotations; operations may name their resource type. */
    default List<Object> providers() {
        return List.of();
    }

    /** HAPI interceptors, registered after the engine's own (errors, fast path, capability statement). */
    default List<Object> interceptors() {
        return List.of();
    }
}

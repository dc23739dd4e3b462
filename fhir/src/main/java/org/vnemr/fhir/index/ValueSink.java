package org.vnemr.fhir.index;

import com.fasterxml.jackson.databind.JsonNode;

/** Receives the elements a search-parameter expression selects, each with its FHIR type name. */
interface ValueSink {

    /**
     * @param node     the element in FHIR JSON (a primitive value or an object)
     * @param fhirType the element's FHIR type, e.g. {@code CodeableConcept}, {@code dateTime}, {@code Reference}
     */
    void accept(JsonNode node, String fhirType);
}

package org.vnemr.fhir.index;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Extracts the values of every search parameter of a resource's type, plus the meta columns
 * ({@code mt_tag}, {@code mt_profile}, {@code mt_security}, {@code mt_source}), from the resource's JSON
 * tree. Runs on the write path of every create and update: it must be fast (tens of microseconds for a
 * typical clinical resource), so simple FHIRPath expressions are compiled to direct walks over the JSON
 * and only the rare complex ones fall back to HAPI's FHIRPath engine.
 */
public interface ResourceIndexer {

    /** @param resource one resource in FHIR JSON, with {@code resourceType}; not modified */
    IndexedValues index(ObjectNode resource);
}

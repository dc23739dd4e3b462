package org.vnemr.fhir.rest;

import org.vnemr.fhir.store.StoredResource;

import java.util.List;
import java.util.Map;

/** The search engine as the REST face sees it. */
public interface Searcher {

    /**
     * @param params  raw query parameters (repeated names are ANDs, commas ORs; modifiers in the names)
     * @param lenient ignore unknown parameters ({@code Prefer: handling=lenient}) instead of refusing them
     */
    Page search(String resourceType, Map<String, List<String>> params, boolean lenient);

    /** One page of results; {@code nextCursor} is null on the last page, {@code total} null unless asked. */
    record Page(List<StoredResource> matches, List<StoredResource> includes, Integer total, String nextCursor) {
    }
}

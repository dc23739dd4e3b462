package org.vnemr.fhir.store;

import java.util.List;

/**
 * Finds the ids of resources matching a search query string ({@code identifier=sys|123&active=true}) — the
 * search engine, as seen by conditional create/update/delete and conditional references.
 */
@FunctionalInterface
public interface ConditionalMatcher {

    /** At most {@code limit} ids of current, non-deleted resources of {@code type} matching {@code query}. */
    List<String> matchIds(String type, String query, int limit);
}

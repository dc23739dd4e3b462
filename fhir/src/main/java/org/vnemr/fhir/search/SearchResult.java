package org.vnemr.fhir.search;

import org.vnemr.fhir.store.StoredResource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of a search.
 *
 * @param matches    the resources that match, in sort order (Bundle entries with search.mode = match)
 * @param included   resources added by {@code _include}/{@code _revinclude}, each once and never a match
 * @param total      the number of matches when {@code _total=accurate|estimate}, {@code _summary=count} or
 *                   {@code _count=0} asked for it, else {@code null}
 * @param nextCursor the opaque {@code _cursor} of the next page, {@code null} on the last page
 * @param params     the parameters the search actually used, normalised, for the Bundle's self link
 */
public record SearchResult(List<StoredResource> matches, List<StoredResource> included, Integer total,
                           String nextCursor, Map<String, List<String>> params) {

    public SearchResult {
        matches = List.copyOf(matches);
        included = List.copyOf(included);
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** The parameters of the next page's link ({@code params} with {@code _cursor} replaced), or null. */
    public Map<String, List<String>> nextParams() {
        if (nextCursor == null) {
            return null;
        }
        Map<String, List<String>> next = new LinkedHashMap<>(params);
        next.put("_cursor", List.of(nextCursor));
        return next;
    }
}

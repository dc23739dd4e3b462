package org.vnemr.fhir.search;

import java.util.List;
import java.util.Map;

/**
 * A search after parsing and compiling: the WHERE predicate over alias {@code r} and everything the
 * service needs to page, count and include.
 *
 * @param fingerprint digest of what selects and orders the rows; a cursor is only valid for the same one
 * @param fenced      the criteria include some whose selectivity the planner estimates badly (array
 *                    overlaps, trigram patterns, chains, {@code _has}); see {@code SearchService}
 * @param estimable   every fenced criterion is a plain token, reference or {@code _has}, whose row estimate
 *                    PostgreSQL gets right for common values (array element statistics); see {@code SearchService}
 */
record CompiledSearch(String resourceType, Sql where, List<SortKey> sort, int count, String cursor, Total total,
                      boolean summaryCount, List<IncludeSpec> includes, Map<String, List<String>> normalised,
                      String fingerprint, boolean fenced, boolean estimable) {

    enum Total { NONE, ESTIMATE, ACCURATE }

    /**
     * One ORDER BY key. {@code expression} is over alias {@code r}; {@code sqlType} is the type the cursor's
     * text value is cast back to.
     */
    record SortKey(String label, String expression, String sqlType, boolean descending) {
    }

    /**
     * One {@code _include} ({@code reverse=false}: follow {@code sourceType.param} of found resources) or
     * {@code _revinclude} ({@code reverse=true}: find {@code sourceType} resources whose {@code param} points
     * at found ones). {@code param} is {@code *} for all reference parameters; {@code targetType} may be null.
     */
    record IncludeSpec(boolean reverse, String sourceType, String param, String targetType, boolean iterate) {
    }
}

package org.vnemr.fhir.search;

import org.vnemr.fhir.schema.SearchParam;
import org.vnemr.fhir.schema.SearchParamCatalog;
import org.vnemr.fhir.schema.SearchParamType;
import org.vnemr.fhir.schema.Tables;
import org.vnemr.fhir.search.CompiledSearch.IncludeSpec;
import org.vnemr.fhir.store.StoredResource;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code _include} and {@code _revinclude}: one UNION ALL statement per level, each branch reading
 * one table by primary key ({@code id = ANY(?)}) or by the GIN index of a reference column ({@code col && ?}).
 * Every branch also returns the reference columns that {@code :iterate} specs need at the next level, so a
 * level never has to re-read what it found. Levels stop at {@link #MAX_DEPTH}; resources already matched or
 * included are not returned twice.
 */
final class IncludeLoader {

    /** Levels of {@code :iterate} followed, the first level included. */
    static final int MAX_DEPTH = 3;
    /** Upper bound of resources one reverse-include branch may add, so one popular patient cannot flood a page. */
    static final int MAX_REVERSE_PER_BRANCH = 1000;

    private static final Pattern TYPE_ID = Pattern.compile("([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})");

    private static final String SQL_SELECT_INCLUDED = """
            SELECT CAST(? AS text) AS rt, x.id, x.version_id, x.last_updated, x.content%s \
            FROM %s x WHERE x.id = ANY(?) AND NOT x.deleted""";
    private static final String SQL_SELECT_REVINCLUDED = """
            (SELECT CAST(? AS text) AS rt, x.id, x.version_id, x.last_updated, x.content%s \
            FROM %s x WHERE x.%s && ? AND NOT x.deleted LIMIT ?)""";

    private final SearchParamCatalog catalog;
    private final Jdbc jdbc;

    IncludeLoader(SearchParamCatalog catalog, Jdbc jdbc) {
        this.catalog = catalog;
        this.jdbc = jdbc;
    }

    /**
     * A found resource with the reference values of the include parameters of its type, by parameter, and
     * for a match its sort-key values as text (for the cursor).
     */
    record Found(StoredResource resource, Map<String, String[]> refs, List<String> sortKeys) {
    }

    /** Reference parameters whose values are needed from resources of {@code type} at a level. */
    List<SearchParam> refParams(String type, List<IncludeSpec> specs, boolean iterateOnly) {
        Set<SearchParam> params = new LinkedHashSet<>();
        for (IncludeSpec spec : specs) {
            if (!spec.reverse() && (!iterateOnly || spec.iterate()) && type.equals(spec.sourceType())) {
                params.addAll(expand(spec));
            }
        }
        return List.copyOf(params);
    }

    List<StoredResource> load(List<Found> matches, List<IncludeSpec> specs) {
        Set<String> seen = new LinkedHashSet<>();
        matches.forEach(f -> seen.add(f.resource().typeAndId()));
        List<StoredResource> included = new ArrayList<>();
        List<Found> frontier = matches;
        for (int level = 0; level < MAX_DEPTH && !frontier.isEmpty(); level++) {
            boolean first = level == 0;
            List<IncludeSpec> active = specs.stream().filter(s -> first || s.iterate()).toList();
            if (active.isEmpty()) {
                break;
            }
            LevelQuery query = levelQuery(frontier, active, seen, specs);
            if (query == null) {
                break;
            }
            List<Found> next = new ArrayList<>();
            for (Found found : jdbc.query(query.sql(), (rs, n) -> mapRow(rs, query.slots()))) {
                if (seen.add(found.resource().typeAndId())) {
                    included.add(found.resource());
                    next.add(found);
                }
            }
            frontier = next;
        }
        return included;
    }

    /** One level's statement and the reference columns its rows carry, in select order. */
    private record LevelQuery(Sql sql, List<SearchParam> slots) {
    }

    private LevelQuery levelQuery(List<Found> frontier, List<IncludeSpec> active, Set<String> seen,
                               List<IncludeSpec> all) {
        Map<String, Set<String>> wanted = new LinkedHashMap<>();
        for (Found found : frontier) {
            String type = found.resource().resourceType();
            for (IncludeSpec spec : active) {
                if (spec.reverse() || !type.equals(spec.sourceType())) {
                    continue;
                }
                for (SearchParam param : expand(spec)) {
                    for (String ref : found.refs().getOrDefault(param.name(), new String[0])) {
                        Matcher m = TYPE_ID.matcher(ref);
                        if (m.matches() && (spec.targetType() == null || spec.targetType().equals(m.group(1)))
                                && catalog.isResourceType(m.group(1)) && !seen.contains(ref)) {
                            wanted.computeIfAbsent(m.group(1), t -> new LinkedHashSet<>()).add(m.group(2));
                        }
                    }
                }
            }
        }
        // the reference columns of the next level travel with this level's rows
        List<SearchParam> slots = new ArrayList<>();
        for (IncludeSpec spec : all) {
            if (!spec.reverse() && spec.iterate()) {
                expand(spec).stream().filter(p -> !slots.contains(p)).forEach(slots::add);
            }
        }
        List<Sql> branches = new ArrayList<>();
        wanted.forEach((type, ids) -> branches.add(Sql.of(SQL_SELECT_INCLUDED.formatted(slotColumns(type, slots),
                Tables.current(type)), type, ids.toArray(String[]::new))));
        for (IncludeSpec spec : active) {
            if (!spec.reverse()) {
                continue;
            }
            SearchParam param = catalog.param(spec.sourceType(), spec.param()).orElseThrow();
            Set<String> targets = new LinkedHashSet<>();
            for (Found found : frontier) {
                String type = found.resource().resourceType();
                if ((spec.targetType() == null || spec.targetType().equals(type))
                        && (param.targets().isEmpty() || param.targets().contains(type))) {
                    targets.add(found.resource().typeAndId());
                }
            }
            if (!targets.isEmpty()) {
                branches.add(Sql.of(SQL_SELECT_REVINCLUDED.formatted(slotColumns(spec.sourceType(), slots),
                        Tables.current(spec.sourceType()), param.column()), spec.sourceType(),
                        targets.toArray(String[]::new), MAX_REVERSE_PER_BRANCH));
            }
        }
        if (branches.isEmpty()) {
            return null;
        }
        Sql.Builder union = new Sql.Builder();
        union.append("SELECT * FROM (");
        for (int i = 0; i < branches.size(); i++) {
            union.append(i > 0 ? " UNION ALL " : "").append(branches.get(i));
        }
        return new LevelQuery(union.append(") AS included").build(), slots);
    }

    private static String slotColumns(String type, List<SearchParam> slots) {
        StringBuilder columns = new StringBuilder();
        for (int i = 0; i < slots.size(); i++) {
            SearchParam slot = slots.get(i);
            columns.append(", ").append(slot.resourceType().equals(type) ? "x." + slot.column() : "NULL::text[]")
                    .append(" AS s").append(i);
        }
        return columns.toString();
    }

    private static Found mapRow(ResultSet rs, List<SearchParam> slots) throws SQLException {
        String type = rs.getString("rt");
        StoredResource resource = new StoredResource(type, rs.getString("id"), rs.getLong("version_id"),
                rs.getObject("last_updated", java.time.OffsetDateTime.class).toInstant(), false, rs.getString("content"));
        Map<String, String[]> refs = new LinkedHashMap<>();
        for (int i = 0; i < slots.size(); i++) {
            SearchParam slot = slots.get(i);
            if (slot.resourceType().equals(type)) {
                refs.put(slot.name(), strings(rs.getArray("s" + i)));
            }
        }
        return new Found(resource, refs, List.of());
    }

    static String[] strings(Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }

    /** The reference parameters a spec names ({@code *}: all of its source type). */
    private List<SearchParam> expand(IncludeSpec spec) {
        if (!"*".equals(spec.param())) {
            return catalog.param(spec.sourceType(), spec.param()).stream().toList();
        }
        return catalog.params(spec.sourceType()).values().stream()
                .filter(p -> p.type() == SearchParamType.REFERENCE).toList();
    }
}

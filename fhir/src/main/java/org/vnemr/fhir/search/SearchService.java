package org.vnemr.fhir.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.vnemr.fhir.schema.SearchParam;
import org.vnemr.fhir.schema.SearchParamCatalog;
import org.vnemr.fhir.schema.Tables;
import org.vnemr.fhir.search.CompiledSearch.SortKey;
import org.vnemr.fhir.search.IncludeLoader.Found;
import org.vnemr.fhir.search.SearchCursor.Position;
import org.vnemr.fhir.store.StoredResource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * FHIR search over the store's per-type tables. Each search is one parameterised SQL statement (criteria,
 * chains and {@code _has} as sub-selects, keyset condition, ORDER BY, LIMIT); {@code _include} and
 * {@code _revinclude} add one statement per level; the total is a separate count only when asked for.
 *
 * <p>Bad queries throw {@link org.vnemr.fhir.error.FhirError#badRequest} (HTTP 400 with a numbered
 * bilingual OperationOutcome, codes VNEMR-1200…1299).
 */
public final class SearchService {

    private static final String SQL_SELECT_PAGE = """
            SELECT r.id, r.version_id, r.last_updated, r.content%s
            FROM %s r
            WHERE NOT r.deleted AND %s
            ORDER BY %s
            LIMIT ?""";
    // PostgreSQL estimates an array overlap (token, reference), a trigram pattern, a chain's array or a _has
    // semi-join badly: an element outside the most-common list is assumed to match 0.5 % of rows. With
    // ORDER BY ... LIMIT n it then likes to walk the primary key (or a sort index) and filter, expecting to
    // stop early - and reads the whole table when one row matches. OFFSET 0 keeps the inner query from being
    // pulled up, so it is planned for all its matches (GIN and trigram bitmap scans) and only those are sorted
    // (top-N). Searches with only btree criteria (ids, instants, dates) or none stay unfenced so that an
    // index can deliver the order. The price: a broad token-only search (status=final) sorts all its matches.
    // The page's ids are chosen first with only the sort keys in hand; the stored JSON of just those rows is
    // fetched after: sorting thousands of candidates with their content would spill to disk.
    private static final String SQL_SELECT_PAGE_FENCED = """
            SELECT r.id, r.version_id, r.last_updated, r.content%1$s
            FROM (SELECT r.id FROM (SELECT * FROM %2$s r WHERE NOT r.deleted AND %3$s OFFSET 0) r
                  ORDER BY %4$s LIMIT ?) page
            JOIN %2$s r ON r.id = page.id
            ORDER BY %4$s""";
    private static final String SQL_COUNT = """
            SELECT count(*) FROM %s r WHERE NOT r.deleted AND %s""";
    // the planner's row estimate: no scan, good enough for _total=estimate
    private static final String SQL_EXPLAIN_COUNT = """
            EXPLAIN (FORMAT JSON) SELECT 1 FROM %s r WHERE NOT r.deleted AND %s""";
    // fenced like the page: with LIMIT and no ORDER BY an unfenced plan may be a sequential scan that "stops
    // early" - reading every row when the condition of a conditional create matches none
    private static final String SQL_SELECT_IDS = """
            SELECT m.id FROM (SELECT r.id FROM %s r WHERE NOT r.deleted AND %s OFFSET 0) m LIMIT ?""";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MANY_MATCHES = 2000;

    private final SearchCompiler compiler;
    private final Jdbc jdbc;
    private final SearchCursor cursors;
    private final IncludeLoader includes;

    /** Cursors are signed with a random key: they stay valid while this instance lives. */
    public SearchService(SearchParamCatalog catalog, DataSource dataSource) {
        this(catalog, dataSource, randomKey());
    }

    /** With a cursor-signing key shared by all nodes, so a cursor issued by one is accepted by the others. */
    public SearchService(SearchParamCatalog catalog, DataSource dataSource, byte[] cursorKey) {
        this.compiler = new SearchCompiler(catalog);
        this.jdbc = new Jdbc(dataSource);
        this.cursors = new SearchCursor(cursorKey);
        this.includes = new IncludeLoader(catalog, jdbc);
    }

    /** Strict search: an unknown or unsupported parameter is an error (400). */
    public SearchResult search(String resourceType, Map<String, List<String>> params) {
        return search(resourceType, params, false);
    }

    /**
     * @param params  raw HTTP query parameters: names may carry modifiers and chains, values may be
     *                comma-separated alternatives, several values of one name must all match
     * @param lenient {@code Prefer: handling=lenient}: unknown and unsupported parameters are ignored (and
     *                left out of {@link SearchResult#params()}) instead of refused
     */
    public SearchResult search(String resourceType, Map<String, List<String>> params, boolean lenient) {
        CompiledSearch search = compiler.compile(resourceType, params, lenient);
        Integer total = switch (search.total()) {
            case ACCURATE -> count(search);
            case ESTIMATE -> estimate(search);
            case NONE -> search.summaryCount() || search.count() == 0 ? count(search) : null;
        };
        if (search.summaryCount() || search.count() == 0) {
            return new SearchResult(List.of(), List.of(), total, null, search.normalised());
        }
        Position after = search.cursor() == null ? null
                : cursors.decode(search.cursor(), search.fingerprint(), search.sort().size());
        List<SearchParam> refColumns = includes.refParams(resourceType, search.includes(), false);
        List<Found> rows = jdbc.query(pageStatement(search, after, refColumns),
                (rs, n) -> mapPageRow(rs, resourceType, search.sort().size(), refColumns));
        String next = null;
        if (rows.size() > search.count()) {
            rows = rows.subList(0, search.count());
            next = cursors.encode(search.fingerprint(), positionOf(rows.get(rows.size() - 1)));
        }
        List<StoredResource> matches = rows.stream().map(Found::resource).toList();
        List<StoredResource> included = search.includes().isEmpty() ? List.of() : includes.load(rows, search.includes());
        return new SearchResult(matches, included, total, next, search.normalised());
    }

    /** The number of resources matching the criteria ({@code _count}, {@code _sort} … are ignored). */
    public int count(String resourceType, Map<String, List<String>> params) {
        return count(compiler.compile(resourceType, params, false));
    }

    /**
     * Ids of at most {@code limit} resources matching the criteria, in no particular order: conditional
     * create/update/delete and conditional references ask for two to tell "one" from "several".
     */
    public List<String> matchIds(String resourceType, Map<String, List<String>> params, int limit) {
        CompiledSearch search = compiler.compile(resourceType, params, false);
        List<Object> args = new ArrayList<>(search.where().args());
        args.add(limit);
        Sql sql = new Sql(SQL_SELECT_IDS.formatted(Tables.current(resourceType), search.where().text()), args);
        return jdbc.query(sql, (rs, n) -> rs.getString(1));
    }

    /**
     * Parses a URL query string ({@code identifier=a%7Cb&name=x}, with or without a leading {@code ?}) into
     * the parameter map {@link #search} takes; {@code +} is a space, repeated names keep every value.
     */
    public static Map<String, List<String>> parseQueryString(String query) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        String q = query.startsWith("?") ? query.substring(1) : query;
        for (String pair : q.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    // ---------------------------------------------------------------- statements

    /** The page statement; package-visible so tests can look at the SQL. */
    Sql pageStatement(CompiledSearch search, Position after, List<SearchParam> refColumns) {
        StringBuilder select = new StringBuilder();
        StringBuilder order = new StringBuilder();
        List<SortKey> keys = search.sort();
        for (int i = 0; i < keys.size(); i++) {
            SortKey key = keys.get(i);
            select.append(", (").append(key.expression()).append(")::text AS k").append(i);
            order.append(key.expression()).append(key.descending() ? " DESC" : "").append(", ");
        }
        order.append("r.id");
        for (int i = 0; i < refColumns.size(); i++) {
            select.append(", r.").append(refColumns.get(i).column()).append(" AS i").append(i);
        }
        Sql where = search.where();
        if (after != null) {
            where = Sql.and(List.of(where, keyset(keys, after)));
        }
        List<Object> args = new ArrayList<>(where.args());
        args.add(search.count() + 1); // one more row tells whether there is a next page
        String template = search.fenced() && !manyMatches(search) ? SQL_SELECT_PAGE_FENCED : SQL_SELECT_PAGE;
        return new Sql(template.formatted(select, Tables.current(search.resourceType()), where.text(), order), args);
    }

    /**
     * Rows strictly after the cursor in ORDER BY order, as (k0 > v0) OR (k0 = v0 AND k1 > v1) … OR (all keys
     * equal AND id > last id). PostgreSQL sorts NULL as the largest value (last ascending, first descending),
     * so "after NULL" ascending is nothing and descending is every non-NULL value.
     */
    static Sql keyset(List<SortKey> keys, Position after) {
        List<Sql> alternatives = new ArrayList<>();
        for (int i = 0; i <= keys.size(); i++) {
            List<Sql> conjunction = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                conjunction.add(equal(keys.get(j), after.keys().get(j)));
            }
            conjunction.add(i == keys.size() ? Sql.of("r.id > ?", after.id()) : greater(keys.get(i), after.keys().get(i)));
            alternatives.add(Sql.and(conjunction));
        }
        return Sql.or(alternatives);
    }

    private static Sql equal(SortKey key, String value) {
        return value == null ? Sql.of(key.expression() + " IS NULL")
                : Sql.of(key.expression() + " = CAST(? AS " + key.sqlType() + ")", value);
    }

    private static Sql greater(SortKey key, String value) {
        if (key.descending()) {
            return value == null ? Sql.of(key.expression() + " IS NOT NULL")
                    : Sql.of(key.expression() + " < CAST(? AS " + key.sqlType() + ")", value);
        }
        return value == null ? Sql.FALSE
                : Sql.of("(" + key.expression() + " > CAST(? AS " + key.sqlType() + ") OR " + key.expression()
                + " IS NULL)", value);
    }

    private int count(CompiledSearch search) {
        Sql sql = new Sql(SQL_COUNT.formatted(Tables.current(search.resourceType()), search.where().text()),
                search.where().args());
        return jdbc.query(sql, (rs, n) -> rs.getInt(1)).get(0);
    }

    /**
     * A fenced search sorts all its matches: right for a rare value (the unfenced plan would walk the whole
     * primary key looking for it), slow for a common one (code=I10: one condition in six). For plain tokens,
     * references and {@code _has}, PostgreSQL's element statistics estimate common values well; when it
     * expects thousands of rows, the page is read in id order and stops after {@code _count} matches.
     */
    private boolean manyMatches(CompiledSearch search) {
        return search.estimable() && estimate(search) >= MANY_MATCHES;
    }

    private int estimate(CompiledSearch search) {
        Sql sql = new Sql(SQL_EXPLAIN_COUNT.formatted(Tables.current(search.resourceType()), search.where().text()),
                search.where().args());
        String plan = jdbc.query(sql, (rs, n) -> rs.getString(1)).get(0);
        try {
            JsonNode root = JSON.readTree(plan);
            return (int) Math.min(Integer.MAX_VALUE, root.get(0).get("Plan").get("Plan Rows").asLong());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Found mapPageRow(ResultSet rs, String type, int keyCount, List<SearchParam> refColumns)
            throws SQLException {
        StoredResource resource = new StoredResource(type, rs.getString("id"), rs.getLong("version_id"),
                rs.getObject("last_updated", OffsetDateTime.class).toInstant(), false, rs.getString("content"));
        Map<String, String[]> refs = new LinkedHashMap<>();
        for (int i = 0; i < refColumns.size(); i++) {
            refs.put(refColumns.get(i).name(), IncludeLoader.strings(rs.getArray("i" + i)));
        }
        List<String> keys = new ArrayList<>(keyCount);
        for (int i = 0; i < keyCount; i++) {
            keys.add(rs.getString("k" + i));
        }
        return new Found(resource, refs, keys);
    }

    private Position positionOf(Found row) {
        return new Position(row.sortKeys(), row.resource().id());
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}

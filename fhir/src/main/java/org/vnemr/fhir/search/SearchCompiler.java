package org.vnemr.fhir.search;

import org.vnemr.fhir.error.FhirError;
import org.vnemr.fhir.schema.SearchParam;
import org.vnemr.fhir.schema.SearchParamCatalog;
import org.vnemr.fhir.schema.SearchParamType;
import org.vnemr.fhir.schema.Tables;
import org.vnemr.fhir.search.CompiledSearch.IncludeSpec;
import org.vnemr.fhir.search.CompiledSearch.SortKey;
import org.vnemr.fhir.search.CompiledSearch.Total;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns the raw HTTP query parameters of a search into a {@link CompiledSearch}: every criterion becomes a
 * predicate (repeated parameters AND, comma-separated values OR), chains and {@code _has} become
 * sub-selects, and the result parameters ({@code _sort}, {@code _count}, {@code _include} …) are checked.
 */
final class SearchCompiler {

    static final int DEFAULT_COUNT = 20;
    static final int MAX_COUNT = 1000;

    /** Parameters that shape the answer's format only; the REST layer handles them. */
    private static final Set<String> PASS_THROUGH = Set.of("_elements", "_format", "_pretty", "_summary");
    /** Known FHIR parameters this server does not implement. */
    private static final Set<String> UNSUPPORTED = Set.of("_text", "_content", "_list", "_query", "_filter", "_type",
            "_contained", "_containedType", "_language", "_has");

    private static final String SQL_CHAIN = """
            ARRAY(SELECT ? || c.id FROM %s c WHERE NOT c.deleted AND %s)""";
    // _has: ids of our resources that resources of another type point at through one reference parameter
    private static final String SQL_HAS = """
            r.id IN (SELECT substr(x, ?) FROM %s h CROSS JOIN LATERAL unnest(h.%s) AS x \
            WHERE NOT h.deleted AND starts_with(x, ?) AND %s)""";

    private final SearchParamCatalog catalog;
    private final CriterionCompiler criteria;

    SearchCompiler(SearchParamCatalog catalog) {
        this.catalog = catalog;
        this.criteria = new CriterionCompiler(catalog);
    }

    /** Only the criteria, for conditional operations and counts; result parameters are ignored. */
    CompiledSearch compile(String type, Map<String, List<String>> params, boolean lenient) {
        if (!catalog.isResourceType(type)) {
            throw FhirError.badRequest("VNEMR-1214", type);
        }
        List<Sql> where = new ArrayList<>();
        Map<String, List<String>> normalised = new TreeMap<>();
        List<SortKey> sort = List.of();
        List<IncludeSpec> includes = new ArrayList<>();
        int count = DEFAULT_COUNT;
        String cursor = null;
        Total total = Total.NONE;
        boolean summaryCount = false;

        // A criterion on one referenced resource (patient=X, subject=Patient/X) is the most selective there is;
        // PostgreSQL cannot estimate array overlaps and would AND a broad token's GIN scan (code=8867-4: one
        // observation in ten) to it. Such tokens are then written so that no index applies: a cheap filter.
        boolean demoteTokens = params.keySet().stream().anyMatch(k -> isPlainReference(type, k));
        for (Map.Entry<String, List<String>> entry : params.entrySet()) {
            String key = entry.getKey();
            List<String> values = entry.getValue().stream().filter(v -> v != null && !v.isEmpty()).toList();
            if (values.isEmpty()) {
                continue;
            }
            String base = key.contains(":") ? key.substring(0, key.indexOf(':')) : key;
            switch (base) {
                case "_sort" -> sort = sortKeys(type, single(key, values));
                case "_count" -> count = count(single(key, values));
                case "_cursor" -> cursor = single(key, values);
                case "_total" -> total = total(single(key, values));
                case "_include", "_revinclude" -> {
                    for (String value : values) {
                        includes.add(include(type, key, value));
                    }
                }
                default -> {
                    if (PASS_THROUGH.contains(base)) {
                        if ("_summary".equals(base) && values.contains("count")) {
                            summaryCount = true;
                        }
                    } else if (key.startsWith("_has:")) {
                        for (String value : values) {
                            where.add(has(type, key, value));
                        }
                    } else if (UNSUPPORTED.contains(base) || isSpecialOrComposite(type, base)) {
                        if (!lenient) {
                            throw FhirError.badRequest("VNEMR-1205", key);
                        }
                        continue;
                    } else {
                        List<Sql> predicates = criterion(type, key, values, lenient);
                        if (predicates == null) {
                            continue;
                        }
                        if (demoteTokens && isPlainToken(type, key)) {
                            predicates = predicates.stream().map(p -> demote(type, key, p)).toList();
                        }
                        where.addAll(predicates);
                    }
                }
            }
            normalised.put(key, values);
        }
        normalised.remove("_cursor");
        String fingerprint = fingerprint(type, normalised);
        if (cursor != null) {
            normalised.put("_cursor", List.of(cursor));
        }
        boolean fenced = normalised.keySet().stream().anyMatch(k -> isCriterion(k) && !isWellEstimated(type, k));
        return new CompiledSearch(type, Sql.and(where), sort, count, cursor, total, summaryCount,
                List.copyOf(includes), normalised, fingerprint, fenced,
                normalised.keySet().stream().filter(SearchCompiler::isCriterion)
                        .allMatch(k -> isWellEstimated(type, k) || k.startsWith("_has:") || isPlainToken(type, k)
                                || isPlainReference(type, k)));
    }

    /** Predicates of one criterion, or {@code null} to ignore an unknown parameter leniently. */
    private List<Sql> criterion(String type, String key, List<String> values, boolean lenient) {
        int dot = key.indexOf('.');
        String head = dot < 0 ? key : key.substring(0, dot);
        int colon = head.indexOf(':');
        String name = colon < 0 ? head : head.substring(0, colon);
        String modifier = colon < 0 ? null : head.substring(colon + 1);
        if (!criteria.knows(type, name)) {
            if (lenient) {
                return null;
            }
            throw FhirError.badRequest("VNEMR-1200", key, type);
        }
        List<Sql> predicates = new ArrayList<>();
        for (String value : values) {
            predicates.add(dot < 0 ? criteria.compile("r", type, name, key, modifier, value)
                    : chain(type, key, name, modifier, key.substring(dot + 1), value));
        }
        return predicates;
    }

    /**
     * {@code subject:Patient.name=x}: the reference column overlaps the array of {@code Type/id} of the
     * targets that match, computed once by PostgreSQL (an InitPlan) so the GIN index on the reference
     * column serves the outer search. PostgreSQL cannot estimate such an array, so the page statement fences
     * searches with chains (see {@link CompiledSearch#fenced()}).
     */
    private Sql chain(String type, String key, String refName, String typeModifier, String chained, String value) {
        SearchParam ref = catalog.param(type, refName).orElse(null);
        if (ref == null || ref.type() != SearchParamType.REFERENCE) {
            throw FhirError.badRequest("VNEMR-1211", key, refName + " is not a reference parameter");
        }
        if (chained.contains(".")) {
            throw FhirError.badRequest("VNEMR-1211", key, "only one level of chaining is supported");
        }
        int colon = chained.indexOf(':');
        String name = colon < 0 ? chained : chained.substring(0, colon);
        String modifier = colon < 0 ? null : chained.substring(colon + 1);
        Set<String> candidates = typeModifier != null ? Set.of(typeModifier)
                : ref.targets().isEmpty() ? catalog.resourceTypes() : ref.targets();
        if (typeModifier != null && (!catalog.isResourceType(typeModifier)
                || (!ref.targets().isEmpty() && !ref.targets().contains(typeModifier)))) {
            throw FhirError.badRequest("VNEMR-1211", key, typeModifier + " is not a target of " + refName);
        }
        List<Sql> arrays = new ArrayList<>();
        for (String target : new java.util.TreeSet<>(candidates)) {
            if (!criteria.knows(target, name)) {
                continue;
            }
            Sql inner = criteria.compile("c", target, name, key, modifier, value);
            List<Object> args = new ArrayList<>();
            args.add(target + "/");
            args.addAll(inner.args());
            arrays.add(new Sql(SQL_CHAIN.formatted(Tables.current(target), inner.text()), args));
        }
        if (arrays.isEmpty()) {
            throw FhirError.badRequest("VNEMR-1211", key, name + " is not a parameter of the referenced type");
        }
        StringBuilder text = new StringBuilder("r." + ref.column() + " && (");
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < arrays.size(); i++) {
            text.append(i > 0 ? " || " : "").append(arrays.get(i).text());
            args.addAll(arrays.get(i).args());
        }
        return new Sql(text.append(')').toString(), args);
    }

    /** {@code _has:Observation:patient:code=x}: one level of reverse chaining. */
    private Sql has(String type, String key, String value) {
        String[] parts = key.split(":", -1);
        if (parts.length < 4 || parts.length > 5 || !catalog.isResourceType(parts[1]) || parts[3].isEmpty()
                || parts[3].startsWith("_has")) {
            throw FhirError.badRequest("VNEMR-1212", key);
        }
        String source = parts[1];
        SearchParam ref = catalog.param(source, parts[2]).orElse(null);
        if (ref == null || ref.type() != SearchParamType.REFERENCE
                || (!ref.targets().isEmpty() && !ref.targets().contains(type)) || !criteria.knows(source, parts[3])) {
            throw FhirError.badRequest("VNEMR-1212", key);
        }
        Sql inner = criteria.compile("h", source, parts[3], key, parts.length == 5 ? parts[4] : null, value);
        List<Object> args = new ArrayList<>();
        String prefix = type + "/";
        args.add(prefix.length() + 1);
        args.add(prefix);
        args.addAll(inner.args());
        return new Sql(SQL_HAS.formatted(Tables.current(source), ref.column(), inner.text()), args);
    }

    private static boolean isCriterion(String key) {
        return !key.startsWith("_") || key.startsWith("_has:") || key.startsWith("_id") || key.startsWith("_lastUpdated")
                || key.startsWith("_tag") || key.startsWith("_security") || key.startsWith("_profile")
                || key.startsWith("_source");
    }

    /**
     * Whether PostgreSQL's statistics estimate the criterion well: btree columns (ids, instants, date
     * ranges) yes; array overlaps, trigram patterns, chains and {@code _has} no (an element outside the
     * most-common list is assumed to match 0.5 % of rows, whatever its real frequency).
     */
    private boolean isPlainReference(String type, String key) {
        return !key.contains(".") && !key.contains(":") && catalog.param(type, key)
                .map(p -> p.type() == SearchParamType.REFERENCE).orElse(false);
    }

    private boolean isPlainToken(String type, String key) {
        return !key.contains(".") && !key.contains(":") && catalog.param(type, key)
                .map(p -> p.type() == SearchParamType.TOKEN).orElse(false);
    }

    /** {@code r.sp_code && ?} → {@code (r.sp_code || '{}'::text[]) && ?}: same rows, no index. */
    private Sql demote(String type, String key, Sql predicate) {
        String column = "r." + catalog.param(type, key).orElseThrow().column();
        return new Sql(predicate.text().replace(column + " && ?", "(" + column + " || '{}'::text[]) && ?"),
                predicate.args());
    }

    private boolean isWellEstimated(String type, String key) {
        if (key.contains(".") || key.startsWith("_has:") || key.contains(":missing")) {
            return false;
        }
        String name = key.contains(":") ? key.substring(0, key.indexOf(':')) : key;
        if (name.equals("_id") || name.equals("_lastUpdated")) {
            return true;
        }
        return catalog.param(type, name).map(p -> p.type() == SearchParamType.DATE).orElse(false);
    }

    private boolean isSpecialOrComposite(String type, String name) {
        if (name.startsWith("_") || catalog.param(type, name).isPresent()) {
            return false;
        }
        var definition = catalog.fhirContext().getResourceDefinition(type);
        return definition.getSearchParam(name) != null;
    }

    // ---------------------------------------------------------------- result parameters

    private List<SortKey> sortKeys(String type, String value) {
        List<SortKey> keys = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            String item = part.strip();
            boolean descending = item.startsWith("-");
            String name = descending ? item.substring(1) : item;
            if (name.isEmpty() || !seen.add(name)) {
                throw FhirError.badRequest("VNEMR-1209", item, type);
            }
            keys.add(sortKey(type, name, descending));
        }
        return keys;
    }

    private SortKey sortKey(String type, String name, boolean descending) {
        switch (name) {
            case "_id" -> {
                return new SortKey(name, "r.id", "text", descending);
            }
            case "_lastUpdated" -> {
                return new SortKey(name, "r.last_updated", "timestamptz", descending);
            }
            default -> {
                // handled below
            }
        }
        SearchParam param = catalog.param(type, name)
                .orElseThrow(() -> FhirError.badRequest("VNEMR-1209", name, type));
        String col = "r." + param.column();
        return switch (param.type()) {
            // the folded |a|b| column orders by the first value, case and diacritics ignored
            case STRING -> new SortKey(name, col, "text", descending);
            // FHIR: ascending by the earliest instant, descending by the latest
            case DATE -> new SortKey(name, descending ? col + "_hi" : col + "_lo", "timestamptz", descending);
            case NUMBER, QUANTITY -> new SortKey(name, "(SELECT " + (descending ? "max" : "min") + "(v) FROM unnest("
                    + col + ") AS v)", "numeric", descending);
            case TOKEN, REFERENCE, URI -> new SortKey(name, col, "text[]", descending);
        };
    }

    private static int count(String value) {
        try {
            int count = Integer.parseInt(value.strip());
            if (count < 0) {
                throw FhirError.badRequest("VNEMR-1208", value);
            }
            return Math.min(count, MAX_COUNT);
        } catch (NumberFormatException e) {
            throw FhirError.badRequest("VNEMR-1208", value);
        }
    }

    private static Total total(String value) {
        return switch (value) {
            case "none" -> Total.NONE;
            case "estimate" -> Total.ESTIMATE;
            case "accurate" -> Total.ACCURATE;
            default -> throw FhirError.badRequest("VNEMR-1213", value);
        };
    }

    private IncludeSpec include(String type, String key, String value) {
        boolean reverse = key.startsWith("_revinclude");
        String base = reverse ? "_revinclude" : "_include";
        String modifier = key.length() > base.length() ? key.substring(base.length() + 1) : null;
        if (modifier != null && !"iterate".equals(modifier) && !"recurse".equals(modifier)) {
            throw FhirError.badRequest("VNEMR-1210", key, value);
        }
        boolean iterate = modifier != null;
        if ("*".equals(value)) {
            if (reverse) {
                // every reference of every type could point here: unbounded, so refused
                throw FhirError.badRequest("VNEMR-1210", key, value);
            }
            return new IncludeSpec(false, type, "*", null, iterate);
        }
        String[] parts = value.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || !catalog.isResourceType(parts[0])
                || (parts.length == 3 && !catalog.isResourceType(parts[2]))) {
            throw FhirError.badRequest("VNEMR-1210", key, value);
        }
        if (!"*".equals(parts[1])) {
            SearchParam param = catalog.param(parts[0], parts[1]).orElse(null);
            if (param == null || param.type() != SearchParamType.REFERENCE) {
                throw FhirError.badRequest("VNEMR-1210", key, value);
            }
        }
        return new IncludeSpec(reverse, parts[0], parts[1], parts.length == 3 ? parts[2] : null, iterate);
    }

    private static String single(String key, List<String> values) {
        if (values.size() != 1) {
            throw FhirError.badRequest("VNEMR-1217", key);
        }
        return values.get(0);
    }

    private static String fingerprint(String type, Map<String, List<String>> normalised) {
        StringBuilder text = new StringBuilder(type);
        normalised.forEach((k, v) -> {
            if (!k.equals("_count") && !k.equals("_total") && !PASS_THROUGH.contains(k)) {
                text.append('\u0000').append(k).append('=').append(String.join("\u0001", v));
            }
        });
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

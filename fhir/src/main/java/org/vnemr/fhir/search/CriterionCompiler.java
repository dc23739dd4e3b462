package org.vnemr.fhir.search;

import org.vnemr.fhir.error.FhirError;
import org.vnemr.fhir.index.DateRange;
import org.vnemr.fhir.schema.SearchParam;
import org.vnemr.fhir.schema.SearchParamCatalog;
import org.vnemr.fhir.schema.SearchParamType;
import org.vnemr.fhir.search.SearchValues.Prefix;
import org.vnemr.fhir.text.VietnameseText;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compiles one search criterion (a parameter, its modifier and the comma-separated values of one
 * occurrence) into a SQL predicate over the row alias given. Values are always bound; column names come
 * from the catalogue only.
 *
 * <p>The predicates are shaped for the indexes of the store: tokens and references as {@code col && ?} so
 * the GIN array index applies, strings as {@code col LIKE ?} with a pattern built here (a bound constant
 * pattern lets PostgreSQL use the pg_trgm index even on a generic plan), dates as plain comparisons of the
 * {@code _lo}/{@code _hi} columns (btree on {@code _lo}).
 */
final class CriterionCompiler {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern TYPE_ID = Pattern.compile("([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})(/_history/.*)?");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern ABSOLUTE_TYPE_ID =
            Pattern.compile("[a-z][a-z0-9+.\\-]*://.+/([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})(/_history/.*)?");

    /** How far {@code ap} reaches around a number or quantity: ±10 % of the value. */
    private static final BigDecimal APPROX = new BigDecimal("0.1");

    private final SearchParamCatalog catalog;

    CriterionCompiler(SearchParamCatalog catalog) {
        this.catalog = catalog;
    }

    /** Columns of the predicate's subject, abstracting plain parameters and the base ones ({@code _tag}…). */
    record Target(String name, SearchParamType type, String column, boolean hasTextColumn, Set<String> targets) {

        static Target of(SearchParam param) {
            return new Target(param.name(), param.type(), param.column(), true, param.targets());
        }
    }

    /**
     * @param alias    the row alias, e.g. {@code r}
     * @param paramKey the parameter as written, for error messages
     * @param modifier the modifier without colon, or {@code null}
     * @param rawValue one occurrence's value, possibly comma-separated (OR)
     */
    Sql compile(String alias, String resourceType, String name, String paramKey, String modifier, String rawValue) {
        if ("missing".equals(modifier)) {
            return missing(alias, resourceType, name, paramKey, rawValue);
        }
        List<String> values = SearchValues.split(rawValue, ',');
        switch (name) {
            case "_id" -> {
                return id(alias, paramKey, modifier, values);
            }
            case "_lastUpdated" -> {
                noModifier(paramKey, modifier);
                return orOf(values, v -> date(paramKey, alias + ".last_updated", alias + ".last_updated", true, v));
            }
            case "_tag", "_security" -> {
                return token(alias, new Target(name, SearchParamType.TOKEN, "mt_" + name.substring(1), false,
                        Set.of()), paramKey, modifier, values);
            }
            case "_profile", "_source" -> {
                return uri(alias, "mt_" + name.substring(1), paramKey, modifier, values);
            }
            default -> {
                // fall through to catalogue parameters
            }
        }
        SearchParam param = catalog.param(resourceType, name)
                .orElseThrow(() -> FhirError.badRequest("VNEMR-1200", paramKey, resourceType));
        String col = alias + "." + param.column();
        return switch (param.type()) {
            case TOKEN -> token(alias, Target.of(param), paramKey, modifier, values);
            case STRING -> string(col, paramKey, modifier, values);
            case DATE -> {
                noModifier(paramKey, modifier);
                yield orOf(values, v -> date(paramKey, col + "_lo", col + "_hi", false, v));
            }
            case NUMBER -> {
                noModifier(paramKey, modifier);
                yield orOf(values, v -> number(paramKey, col, v));
            }
            case QUANTITY -> {
                noModifier(paramKey, modifier);
                yield orOf(values, v -> quantity(paramKey, col, v));
            }
            case REFERENCE -> reference(col, param, paramKey, modifier, values);
            case URI -> uri(alias, param.column(), paramKey, modifier, values);
        };
    }

    /** Whether {@code name} is a parameter of {@code type} this compiler can search on. */
    boolean knows(String resourceType, String name) {
        return switch (name) {
            case "_id", "_lastUpdated", "_tag", "_security", "_profile", "_source" -> true;
            default -> catalog.param(resourceType, name).isPresent();
        };
    }

    // ---------------------------------------------------------------- :missing

    private Sql missing(String alias, String resourceType, String name, String paramKey, String value) {
        boolean isMissing = switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw FhirError.badRequest("VNEMR-1206", paramKey, value);
        };
        String column = switch (name) {
            case "_id", "_lastUpdated" -> throw FhirError.badRequest("VNEMR-1201", name, "missing");
            case "_tag", "_security", "_profile", "_source" -> alias + ".mt_" + name.substring(1);
            default -> {
                SearchParam param = catalog.param(resourceType, name)
                        .orElseThrow(() -> FhirError.badRequest("VNEMR-1200", paramKey, resourceType));
                yield alias + "." + param.columns().get(0);
            }
        };
        return Sql.of(column + (isMissing ? " IS NULL" : " IS NOT NULL"));
    }

    // ---------------------------------------------------------------- _id

    private Sql id(String alias, String paramKey, String modifier, List<String> values) {
        String[] ids = values.stream().map(SearchValues::unescape).toArray(String[]::new);
        // = ANY(array) keeps the primary-key btree usable for any number of ids
        if (modifier == null) {
            return Sql.of(alias + ".id = ANY(?)", (Object) ids);
        }
        if ("not".equals(modifier)) {
            return Sql.of(alias + ".id <> ALL(?)", (Object) ids);
        }
        throw FhirError.badRequest("VNEMR-1201", paramKey, modifier);
    }

    // ---------------------------------------------------------------- token

    private Sql token(String alias, Target target, String paramKey, String modifier, List<String> values) {
        String col = alias + "." + target.column();
        if ("text".equals(modifier)) {
            if (!target.hasTextColumn()) {
                throw FhirError.badRequest("VNEMR-1201", paramKey, modifier);
            }
            return orOf(values, v -> Sql.of(col + "_text LIKE ?", "%|" + SearchValues.escapeLike(fold(v)) + "%"));
        }
        if (modifier != null && !"not".equals(modifier)) {
            throw FhirError.badRequest("VNEMR-1201", paramKey, modifier);
        }
        Set<String> tokens = new LinkedHashSet<>();
        for (String value : values) {
            tokens.add(tokenOf(value));
        }
        Sql match = Sql.of(col + " && ?", (Object) tokens.toArray(String[]::new));
        if ("not".equals(modifier)) {
            // FHIR :not also matches resources without any value for the parameter
            return Sql.of("(" + col + " IS NULL OR NOT (" + col + " && ?))", (Object) tokens.toArray(String[]::new));
        }
        return match;
    }

    /** The stored token form: {@code code}, {@code system|code}, {@code system|} or {@code |code}. */
    static String tokenOf(String value) {
        List<String> parts = SearchValues.split(value, '|');
        if (parts.size() == 1) {
            return SearchValues.unescape(value);
        }
        String system = SearchValues.unescape(parts.get(0));
        String code = SearchValues.unescape(String.join("|", parts.subList(1, parts.size())));
        return system + "|" + code;
    }

    // ---------------------------------------------------------------- string

    private Sql string(String col, String paramKey, String modifier, List<String> values) {
        if (modifier == null) {
            // stored as |a|b| of folded values: "starts with" is "after a separator"
            return orOf(values, v -> Sql.of(col + " LIKE ?", "%|" + SearchValues.escapeLike(fold(v)) + "%"));
        }
        return switch (modifier) {
            case "contains" -> orOf(values, v -> Sql.of(col + " LIKE ?", "%" + SearchValues.escapeLike(fold(v)) + "%"));
            case "exact" -> Sql.of(col + "_exact && ?", (Object) values.stream()
                    .map(v -> VietnameseText.nfc(SearchValues.unescape(v))).distinct().toArray(String[]::new));
            default -> throw FhirError.badRequest("VNEMR-1201", paramKey, modifier);
        };
    }

    private static String fold(String value) {
        return VietnameseText.fold(SearchValues.unescape(value));
    }

    // ---------------------------------------------------------------- date

    /**
     * FHIR R4 date semantics between the stored range [lo, hi) and the searched range [qlo, qhi) at the
     * precision of the value. {@code point} is for {@code last_updated}, a single instant t where
     * "hi" stands for t plus one microsecond: hi > x becomes t >= x and hi <= x becomes t < x, which keeps the
     * btree on the column usable.
     */
    Sql date(String paramKey, String lo, String hi, boolean point, String raw) {
        Prefix prefix = prefixOf(paramKey, raw);
        String value = prefix == null ? raw : raw.substring(2);
        DateRange range;
        try {
            range = DateRange.parse(value);
        } catch (IllegalArgumentException e) {
            throw FhirError.badRequest("VNEMR-1202", paramKey, raw);
        }
        Object qlo = ts(range.low());
        Object qhi = ts(range.high());
        String hiGt = point ? hi + " >= ?" : hi + " > ?";
        String hiLe = point ? hi + " < ?" : hi + " <= ?";
        return switch (prefix == null ? Prefix.EQ : prefix) {
            // the stored range lies within the searched one
            case EQ -> Sql.of("(" + lo + " >= ? AND " + hiLe + ")", qlo, qhi);
            case NE -> Sql.of("NOT (" + lo + " >= ? AND " + hiLe + ")", qlo, qhi);
            // some part of the stored range lies after / before the searched one
            case GT -> Sql.of(hiGt, qhi);
            case LT -> Sql.of(lo + " < ?", qlo);
            // gt or eq; since lo < hi this reduces to: starts within-or-after, or ends after
            case GE -> Sql.of("(" + lo + " >= ? OR " + hiGt + ")", qlo, qhi);
            case LE -> Sql.of("(" + lo + " < ? OR " + hiLe + ")", qlo, qhi);
            case SA -> Sql.of(lo + " >= ?", qhi);
            case EB -> Sql.of(hiLe, qlo);
            case AP -> {
                // overlaps the searched range widened by 10 % of its distance from now (at least a day)
                Instant now = Instant.now();
                Duration distance = Duration.between(range.low(), now).abs();
                Duration widen = distance.dividedBy(10);
                if (widen.compareTo(Duration.ofDays(1)) < 0) {
                    widen = Duration.ofDays(1);
                }
                yield Sql.of("(" + lo + " < ? AND " + hiGt + ")", ts(range.high().plus(widen)),
                        ts(range.low().minus(widen)));
            }
        };
    }

    private static OffsetDateTime ts(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    // ---------------------------------------------------------------- number and quantity

    private Sql number(String paramKey, String col, String raw) {
        Prefix prefix = prefixOf(paramKey, raw);
        String value = prefix == null ? raw : raw.substring(2);
        Sql element = numberCondition(paramKey, raw, value, prefix, "v");
        return anyElement(col, element, prefix);
    }

    /**
     * Any element of the numeric array satisfies the condition; {@code ne} means no element equals. The
     * sub-select over {@code unnest} is cheap because it runs only on rows the other criteria kept.
     */
    private static Sql anyElement(String col, Sql element, Prefix prefix) {
        if (prefix == Prefix.NE) {
            return element.wrap("(" + col + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM unnest(" + col
                    + ") AS v WHERE ", "))");
        }
        return element.wrap("EXISTS (SELECT 1 FROM unnest(" + col + ") AS v WHERE ", ")");
    }

    /** The condition on one numeric value named {@code v}; for ne the condition of "equal". */
    private static Sql numberCondition(String paramKey, String raw, String value, Prefix prefix, String v) {
        if (!NUMBER.matcher(value).matches()) {
            throw FhirError.badRequest("VNEMR-1203", paramKey, raw);
        }
        BigDecimal number = new BigDecimal(value);
        // implicit precision: 5.4 stands for [5.35, 5.45), 100 for [99.5, 100.5)
        BigDecimal half = BigDecimal.valueOf(5, number.scale() + 1);
        BigDecimal low = number.subtract(half);
        BigDecimal high = number.add(half);
        return switch (prefix == null ? Prefix.EQ : prefix) {
            case EQ, NE -> Sql.of("(" + v + " >= ? AND " + v + " < ?)", low, high);
            case GT, SA -> Sql.of(v + " > ?", number);
            case LT, EB -> Sql.of(v + " < ?", number);
            case GE -> Sql.of(v + " >= ?", number);
            case LE -> Sql.of(v + " <= ?", number);
            case AP -> {
                BigDecimal reach = number.abs().multiply(APPROX).max(half);
                yield Sql.of("(" + v + " >= ? AND " + v + " <= ?)", number.subtract(reach), number.add(reach));
            }
        };
    }

    /** {@code [prefix]value[|system|code]}, also {@code value||code} (code or unit in any system). */
    private Sql quantity(String paramKey, String col, String raw) {
        List<String> parts = SearchValues.split(raw, '|');
        if (parts.size() != 1 && parts.size() != 3) {
            throw FhirError.badRequest("VNEMR-1216", paramKey, raw);
        }
        String numberPart = parts.get(0);
        Prefix prefix = prefixOf(paramKey, numberPart);
        String value = prefix == null ? numberPart : numberPart.substring(2);
        Sql element = numberCondition(paramKey, raw, value, prefix, "q.v");
        List<Sql> conditions = new ArrayList<>();
        conditions.add(element);
        if (parts.size() == 3) {
            String system = SearchValues.unescape(parts.get(1));
            String code = SearchValues.unescape(parts.get(2));
            // the unit column holds system|code|unit parallel to the values
            if (!system.isEmpty()) {
                conditions.add(Sql.of("split_part(q.u, '|', 1) = ?", system));
            }
            if (!code.isEmpty()) {
                conditions.add(system.isEmpty()
                        ? Sql.of("(split_part(q.u, '|', 2) = ? OR split_part(q.u, '|', 3) = ?)", code, code)
                        : Sql.of("split_part(q.u, '|', 2) = ?", code));
            }
        }
        Sql inner = Sql.and(conditions);
        String from = "(SELECT 1 FROM unnest(" + col + ", " + col + "_unit) AS q(v, u) WHERE ";
        if (prefix == Prefix.NE) {
            return inner.wrap("(" + col + " IS NOT NULL AND NOT EXISTS " + from, "))");
        }
        return inner.wrap("EXISTS " + from, ")");
    }

    // ---------------------------------------------------------------- reference

    private Sql reference(String col, SearchParam param, String paramKey, String modifier, List<String> values) {
        if ("identifier".equals(modifier)) {
            return Sql.of(col + "_ident && ?",
                    (Object) values.stream().map(CriterionCompiler::tokenOf).distinct().toArray(String[]::new));
        }
        String typeModifier = null;
        if (modifier != null) {
            if (!catalog.isResourceType(modifier) || (!param.targets().isEmpty() && !param.targets().contains(modifier))) {
                throw FhirError.badRequest("VNEMR-1201", paramKey, modifier);
            }
            typeModifier = modifier;
        }
        Set<String> refs = new LinkedHashSet<>();
        for (String raw : values) {
            refs.addAll(referenceForms(paramKey, param, typeModifier, SearchValues.unescape(raw)));
        }
        return Sql.of(col + " && ?", (Object) refs.toArray(String[]::new));
    }

    /** The stored forms a searched reference may have: {@code Type/id} for each possible type, or the URL. */
    private List<String> referenceForms(String paramKey, SearchParam param, String typeModifier, String value) {
        List<String> forms = new ArrayList<>();
        var absolute = ABSOLUTE_TYPE_ID.matcher(value);
        var typed = TYPE_ID.matcher(value);
        if (absolute.matches()) {
            // as stored (an external reference), or as a local one if the URL names our server
            forms.add(value);
            forms.add(absolute.group(1) + "/" + absolute.group(2));
        } else if (typed.matches()) {
            if (typeModifier != null && !typeModifier.equals(typed.group(1))) {
                throw FhirError.badRequest("VNEMR-1215", paramKey, value);
            }
            forms.add(typed.group(1) + "/" + typed.group(2));
        } else if (ID.matcher(value).matches()) {
            Set<String> types = typeModifier != null ? Set.of(typeModifier)
                    : param.targets().isEmpty() ? catalog.resourceTypes() : param.targets();
            for (String type : types) {
                forms.add(type + "/" + value);
            }
        } else if (value.contains(":")) {
            forms.add(value); // canonical or other absolute URI, stored as such
        } else {
            throw FhirError.badRequest("VNEMR-1215", paramKey, value);
        }
        return forms;
    }

    // ---------------------------------------------------------------- uri

    private Sql uri(String alias, String column, String paramKey, String modifier, List<String> values) {
        String col = alias + "." + column;
        List<String> uris = values.stream().map(SearchValues::unescape).toList();
        if (modifier == null) {
            return Sql.of(col + " && ?", (Object) uris.stream().distinct().toArray(String[]::new));
        }
        return switch (modifier) {
            case "below" -> orOf(values, v -> Sql.of("EXISTS (SELECT 1 FROM unnest(" + col
                    + ") AS u WHERE starts_with(u, ?))", SearchValues.unescape(v)));
            case "above" -> orOf(values, v -> Sql.of("EXISTS (SELECT 1 FROM unnest(" + col
                    + ") AS u WHERE starts_with(?, u))", SearchValues.unescape(v)));
            case "not" -> Sql.of("(" + col + " IS NULL OR NOT (" + col + " && ?))",
                    (Object) uris.stream().distinct().toArray(String[]::new));
            default -> throw FhirError.badRequest("VNEMR-1201", paramKey, modifier);
        };
    }

    // ---------------------------------------------------------------- helpers

    private static Prefix prefixOf(String paramKey, String raw) {
        Prefix prefix = Prefix.of(raw);
        if (prefix == null && raw.length() >= 2 && Character.isLetter(raw.charAt(0)) && Character.isLetter(raw.charAt(1))) {
            throw FhirError.badRequest("VNEMR-1204", paramKey, raw.substring(0, 2));
        }
        return prefix;
    }

    private static void noModifier(String paramKey, String modifier) {
        if (modifier != null) {
            throw FhirError.badRequest("VNEMR-1201", paramKey, modifier);
        }
    }

    private static Sql orOf(List<String> values, java.util.function.Function<String, Sql> each) {
        List<Sql> parts = new ArrayList<>(values.size());
        for (String value : values) {
            parts.add(each.apply(value));
        }
        return Sql.or(parts);
    }
}

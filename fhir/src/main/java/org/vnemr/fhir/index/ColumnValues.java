package org.vnemr.fhir.index;

import com.fasterxml.jackson.databind.JsonNode;
import org.vnemr.fhir.schema.SearchParam;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Collects the values of one search parameter for one resource and writes them to its columns in the layout
 * of {@link SearchParam}. One instance per parameter and resource; not thread-safe.
 */
abstract class ColumnValues implements ValueSink {

    /** Writes what was collected; a column without values is left out. */
    abstract void writeTo(IndexedValues out);

    static ColumnValues forParam(SearchParam param) {
        return factory(param).get();
    }

    /** Makes empty collectors for {@code param}, with the column names worked out once. */
    static Supplier<ColumnValues> factory(SearchParam param) {
        List<String> columns = param.columns();
        String c = columns.get(0);
        String second = columns.size() > 1 ? columns.get(1) : null;
        return switch (param.type()) {
            case TOKEN -> () -> new Tokens(c, second);
            case STRING -> () -> new Strings(c, second);
            case DATE -> () -> new Dates(c, second);
            case REFERENCE -> () -> new References(c, second);
            case QUANTITY -> () -> new Quantities(c, second);
            case NUMBER -> () -> new Numbers(c);
            case URI -> () -> new Uris(c);
        };
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode()) {
            return null;
        }
        String s = value.asText();
        return s.isBlank() ? null : s;
    }

    /**
     * An insertion-ordered set of strings. Search columns usually hold a handful of values, where a list scan
     * beats hashing; a hash index is added when a column grows large (e.g. the codes of a ValueSet expansion).
     */
    static final class Distinct {
        private static final int SCAN_LIMIT = 16;
        private final List<String> values = new ArrayList<>(4);
        private Set<String> index;

        void add(String value) {
            if (value == null) {
                return;
            }
            if (index != null) {
                if (index.add(value)) {
                    values.add(value);
                }
            } else if (!values.contains(value)) {
                values.add(value);
                if (values.size() > SCAN_LIMIT) {
                    index = new HashSet<>(values);
                }
            }
        }

        boolean isEmpty() {
            return values.isEmpty();
        }

        String[] toArray() {
            return values.isEmpty() ? null : values.toArray(new String[0]);
        }

        /** {@code |a|b|}, or {@code null} when empty. */
        String joined() {
            if (values.isEmpty()) {
                return null;
            }
            StringBuilder sb = new StringBuilder(16 * values.size()).append('|');
            for (String v : values) {
                sb.append(v).append('|');
            }
            return sb.toString();
        }
    }

    // ---- TOKEN ---------------------------------------------------------------------------------------------

    static final class Tokens extends ColumnValues {
        private final String column;
        private final String textColumn;
        final Distinct tokens = new Distinct();
        private final Distinct texts = new Distinct();

        Tokens(String column, String textColumn) {
            this.column = column;
            this.textColumn = textColumn;
        }

        @Override
        public void accept(JsonNode node, String fhirType) {
            switch (fhirType) {
                case "CodeableConcept" -> {
                    JsonNode codings = node.get("coding");
                    if (codings != null && codings.isArray()) {
                        for (JsonNode coding : codings) {
                            coding(coding);
                        }
                    }
                    addText(text(node, "text"));
                }
                case "Coding" -> coding(node);
                case "Identifier" -> {
                    token(tokens, text(node, "system"), text(node, "value"));
                    JsonNode type = node.get("type");
                    if (type != null) {
                        addText(text(type, "text"));
                    }
                }
                case "ContactPoint" -> token(tokens, null, text(node, "value"));
                default -> {
                    if (node.isValueNode()) {
                        String code = node.asText();
                        token(tokens, null, code.isBlank() ? null : code);
                    }
                }
            }
        }

        private void coding(JsonNode coding) {
            token(tokens, text(coding, "system"), text(coding, "code"));
            addText(text(coding, "display"));
        }

        private void addText(String text) {
            if (text != null) {
                String folded = TextFolding.fold(text);
                if (!folded.isEmpty()) {
                    texts.add(folded);
                }
            }
        }

        /** {@code code}, {@code system|code}, and {@code system|} or {@code |code}. */
        static void token(Distinct into, String system, String code) {
            if (code == null) {
                return;
            }
            into.add(code);
            if (system != null) {
                into.add(system + '|' + code);
                into.add(system + '|');
            } else {
                into.add('|' + code);
            }
        }

        /** Tokens of a Coding or Identifier (meta tags, reference identifiers). */
        static void codingToken(Distinct into, JsonNode node, String codeField) {
            token(into, text(node, "system"), text(node, codeField));
        }

        @Override
        void writeTo(IndexedValues out) {
            out.put(column, tokens.toArray());
            out.put(textColumn, texts.joined());
        }
    }

    // ---- STRING --------------------------------------------------------------------------------------------

    static final class Strings extends ColumnValues {
        private final String column;
        private final String exactColumn;
        private final Distinct folded = new Distinct();
        private final Distinct exact = new Distinct();

        Strings(String column, String exactColumn) {
            this.column = column;
            this.exactColumn = exactColumn;
        }

        @Override
        public void accept(JsonNode node, String fhirType) {
            switch (fhirType) {
                case "HumanName" -> humanName(node);
                case "Address" -> address(node);
                default -> {
                    if (node.isValueNode()) {
                        add(node.asText());
                    }
                }
            }
        }

        private void humanName(JsonNode name) {
            String family = text(name, "family");
            add(family);
            StringBuilder given = new StringBuilder();
            JsonNode givens = name.get("given");
            if (givens != null && givens.isArray()) {
                for (JsonNode g : givens) {
                    String s = g.isValueNode() ? g.asText().strip() : "";
                    if (!s.isEmpty()) {
                        add(s);
                        if (given.length() > 0) {
                            given.append(' ');
                        }
                        given.append(s);
                    }
                }
            }
            addAll(name.get("prefix"));
            addAll(name.get("suffix"));
            add(text(name, "text"));
            if (family != null && given.length() > 0) {
                add(given + " " + family.strip());
                add(family.strip() + " " + given);
            }
        }

        private void address(JsonNode address) {
            StringBuilder full = new StringBuilder();
            JsonNode lines = address.get("line");
            if (lines != null && lines.isArray()) {
                for (JsonNode line : lines) {
                    if (line.isValueNode()) {
                        addPart(line.asText(), full);
                    }
                }
            }
            for (String part : new String[] {"district", "city", "state", "postalCode", "country"}) {
                addPart(text(address, part), full);
            }
            add(text(address, "text"));
            add(full.toString());
        }

        private void addPart(String part, StringBuilder full) {
            if (part == null || part.isBlank()) {
                return;
            }
            add(part);
            if (full.length() > 0) {
                full.append(' ');
            }
            full.append(part.strip());
        }

        private void addAll(JsonNode array) {
            if (array != null && array.isArray()) {
                for (JsonNode item : array) {
                    if (item.isValueNode()) {
                        add(item.asText());
                    }
                }
            }
        }

        private void add(String value) {
            if (value == null || value.isBlank()) {
                return;
            }
            String f = TextFolding.fold(value);
            if (!f.isEmpty()) {
                folded.add(f);
                exact.add(TextFolding.nfc(value));
            }
        }

        @Override
        void writeTo(IndexedValues out) {
            out.put(column, folded.joined());
            out.put(exactColumn, exact.toArray());
        }
    }

    // ---- DATE ----------------------------------------------------------------------------------------------

    static final class Dates extends ColumnValues {
        private final String lowColumn;
        private final String highColumn;
        private Instant low;
        private Instant high;

        Dates(String lowColumn, String highColumn) {
            this.lowColumn = lowColumn;
            this.highColumn = highColumn;
        }

        @Override
        public void accept(JsonNode node, String fhirType) {
            switch (fhirType) {
                case "date", "dateTime", "instant" -> {
                    if (node.isTextual()) {
                        DateRange range = parse(node.textValue());
                        if (range != null) {
                            widen(range.low(), range.high());
                        }
                    }
                }
                case "Period" -> {
                    String start = text(node, "start");
                    String end = text(node, "end");
                    if (start == null && end == null) {
                        return;
                    }
                    DateRange startRange = start == null ? null : parse(start);
                    DateRange endRange = end == null ? null : parse(end);
                    if ((start != null && startRange == null) || (end != null && endRange == null)) {
                        return;
                    }
                    widen(startRange == null ? DateRange.MIN : startRange.low(),
                            endRange == null ? DateRange.MAX : endRange.high());
                }
                case "Timing" -> {
                    JsonNode events = node.get("event");
                    if (events != null && events.isArray()) {
                        for (JsonNode event : events) {
                            accept(event, "dateTime");
                        }
                    }
                }
                default -> {
                    // other types carry no date
                }
            }
        }

        private static DateRange parse(String value) {
            try {
                return DateRange.parse(value);
            } catch (IllegalArgumentException e) {
                return null; // the validator refuses such values before they get here
            }
        }

        private void widen(Instant lo, Instant hi) {
            if (low == null || lo.isBefore(low)) {
                low = lo;
            }
            if (high == null || hi.isAfter(high)) {
                high = hi;
            }
        }

        @Override
        void writeTo(IndexedValues out) {
            out.put(lowColumn, low);
            out.put(highColumn, high);
        }
    }

    // ---- REFERENCE -----------------------------------------------------------------------------------------

    static final class References extends ColumnValues {
        private final String column;
        private final String identColumn;
        private final Distinct references = new Distinct();
        private final Distinct identifiers = new Distinct();

        References(String column, String identColumn) {
            this.column = column;
            this.identColumn = identColumn;
        }

        @Override
        public void accept(JsonNode node, String fhirType) {
            if (node.isObject()) {
                JsonNode reference = node.get("reference");
                if (reference != null && reference.isTextual()) {
                    references.add(ReferenceText.normalise(reference.textValue()));
                }
                JsonNode identifier = node.get("identifier");
                if (identifier != null && identifier.isObject()) {
                    Tokens.codingToken(identifiers, identifier, "value");
                }
                JsonNode resourceType = node.get("resourceType");
                JsonNode id = node.get("id");
                if (resourceType != null && id != null && resourceType.isTextual() && id.isTextual()) {
                    references.add(resourceType.textValue() + '/' + id.textValue());
                }
            } else if (node.isTextual() && !node.textValue().isBlank()) {
                String url = node.textValue().strip();
                if (url.charAt(0) == '#') {
                    return;
                }
                references.add(url);
                int bar = url.indexOf('|');
                if (bar > 0) {
                    references.add(url.substring(0, bar));
                }
            }
        }

        @Override
        void writeTo(IndexedValues out) {
            out.put(column, references.toArray());
            out.put(identColumn, identifiers.toArray());
        }
    }

    // ---- QUANTITY, NUMBER, URI -----------------------------------------------------------------------------

    static BigDecimal decimal(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isBigDecimal()) {
            return node.decimalValue();
        }
        if (node.isIntegralNumber()) {
            return node.isBigInteger() ? new BigDecimal(node.bigIntegerValue()) : BigDecimal.valueOf(node.longValue());
        }
        if (node.isFloatingPointNumber()) {
            return BigDecimal.valueOf(node.doubleValue());
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.textValue().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static final class Quantities extends ColumnValues {
        private final String column;
        private final String unitColumn;
        private final List<BigDecimal> values = new ArrayList<>(2);
        private final List<String> units = new ArrayList<>(2);

        Quantities(String column, String unitColumn) {
            this.column = column;
            this.unitColumn = unitColumn;
        }

        @Override
        public void accept(JsonNode node, String fhirType) {
            switch (fhirType) {
                case "Quantity", "SimpleQuantity", "Age", "Duration", "Distance", "Count", "MoneyQuantity" ->
                        quantity(node);
                case "Money" -> add(decimal(node.get("value")), "", nonNull(text(node, "currency")), "");
                case "Range" -> {
                    JsonNode low = node.get("low");
                    if (low != null) {
                        quantity(low);
                    }
                    JsonNode high = node.get("high");
                    if (high != null) {
                        quantity(high);
                    }
                }
                default -> {
                    // SampledData and others are not indexed
                }
            }
        }

        private void quantity(JsonNode node) {
            add(decimal(node.get("value")), nonNull(text(node, "system")), nonNull(text(node, "code")),
                    nonNull(text(node, "unit")));
        }

        private static String nonNull(String s) {
            return s == null ? "" : s;
        }

        private void add(BigDecimal value, String system, String code, String unit) {
            if (value == null) {
                return;
            }
            String u = system + '|' + code + '|' + unit;
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i).compareTo(value) == 0 && units.get(i).equals(u)) {
                    return;
                }
            }
            values.add(value);
            units.add(u);
        }

        @Override
        void writeTo(IndexedValues out) {
            if (!values.isEmpty()) {
                out.put(column, values.toArray(new BigDecimal[0]));
                out.put(unitColumn, units.toArray(new String[0]));
            }
        }
    }

    static final class Numbers extends ColumnValues {
        private final String column;
        private final List<BigDecimal> values = new ArrayList<>(2);

        Numbers(String column) {
            this.column = column;
        }

        @Override
        public void accept(JsonNode node, String fhirType) {
            BigDecimal value = node.isValueNode() ? decimal(node) : null;
            if (value != null) {
                for (BigDecimal v : values) {
                    if (v.compareTo(value) == 0) {
                        return;
                    }
                }
                values.add(value);
            }
        }

        @Override
        void writeTo(IndexedValues out) {
            if (!values.isEmpty()) {
                out.put(column, values.toArray(new BigDecimal[0]));
            }
        }
    }

    static final class Uris extends ColumnValues {
        private final String column;
        private final Distinct values = new Distinct();

        Uris(String column) {
            this.column = column;
        }

        @Override
        public void accept(JsonNode node, String fhirType) {
            if (node.isTextual() && !node.textValue().isBlank()) {
                values.add(node.textValue());
            }
        }

        @Override
        void writeTo(IndexedValues out) {
            out.put(column, values.toArray());
        }
    }
}

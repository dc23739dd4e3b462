package org.vnemr.fhir.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A piece of SQL with its bound arguments, in placeholder order. Values never enter {@link #text()}:
 * only column names from the catalogue, fixed keywords and {@code ?} placeholders do.
 */
record Sql(String text, List<Object> args) {

    static final Sql TRUE = new Sql("TRUE", List.of());
    static final Sql FALSE = new Sql("FALSE", List.of());

    static Sql of(String text, Object... args) {
        List<Object> list = new ArrayList<>(args.length);
        Collections.addAll(list, args);
        return new Sql(text, list);
    }

    static Sql and(List<Sql> parts) {
        return join(parts, " AND ", TRUE);
    }

    static Sql or(List<Sql> parts) {
        return join(parts, " OR ", FALSE);
    }

    Sql not() {
        return new Sql("NOT (" + text + ")", args);
    }

    /** {@code prefix + this + suffix}, keeping the arguments. */
    Sql wrap(String prefix, String suffix) {
        return new Sql(prefix + text + suffix, args);
    }

    private static Sql join(List<Sql> parts, String operator, Sql empty) {
        if (parts.isEmpty()) {
            return empty;
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        StringBuilder text = new StringBuilder("(");
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                text.append(operator);
            }
            text.append('(').append(parts.get(i).text()).append(')');
            args.addAll(parts.get(i).args());
        }
        return new Sql(text.append(')').toString(), args);
    }

    /** Collects text and arguments in order, for whole statements. */
    static final class Builder {
        private final StringBuilder text = new StringBuilder();
        private final List<Object> args = new ArrayList<>();

        Builder append(String sql) {
            text.append(sql);
            return this;
        }

        Builder append(Sql sql) {
            text.append(sql.text());
            args.addAll(sql.args());
            return this;
        }

        Builder bind(Object value) {
            text.append('?');
            args.add(value);
            return this;
        }

        Sql build() {
            return new Sql(text.toString(), List.copyOf(args));
        }
    }
}

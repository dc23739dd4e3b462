package org.vnemr.bhyt.xml130;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record of a table as the text that goes between its tags: what the writer serialises, the reader fills and
 * the validator checks. Missing tags read as empty text, which is how the gateway treats an empty element.
 */
public final class Row {

    private final String table;
    private final LinkedHashMap<String, String> values = new LinkedHashMap<>();

    public Row(String table) {
        this.table = table;
    }

    public String table() {
        return table;
    }

    public String get(String tag) {
        String value = values.get(tag);
        return value == null ? "" : value;
    }

    public Row put(String tag, String value) {
        values.put(tag, value == null ? "" : value);
        return this;
    }

    public Map<String, String> values() {
        return Collections.unmodifiableMap(values);
    }

    public Row copy() {
        Row copy = new Row(table);
        copy.values.putAll(values);
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row other && other.table.equals(table) && other.values.equals(values);
    }

    @Override
    public int hashCode() {
        return table.hashCode() * 31 + values.hashCode();
    }

    @Override
    public String toString() {
        return table + values;
    }
}

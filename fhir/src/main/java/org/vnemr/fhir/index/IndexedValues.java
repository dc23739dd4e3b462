package org.vnemr.fhir.index;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The search-column values of one resource version, by column name (see
 * {@link org.vnemr.fhir.schema.SearchParam} for the layout). Java types per SQL type:
 * {@code text[]} → {@code String[]}, {@code text} → {@code String}, {@code timestamptz} →
 * {@link java.time.Instant}, {@code numeric[]} → {@code java.math.BigDecimal[]}. A column without
 * values is absent (stored as NULL, so {@code :missing=true} finds it).
 */
public final class IndexedValues {

    private final Map<String, Object> byColumn = new LinkedHashMap<>();

    public void put(String column, Object value) {
        if (value != null) {
            byColumn.put(column, value);
        }
    }

    public Object get(String column) {
        return byColumn.get(column);
    }

    public Map<String, Object> asMap() {
        return byColumn;
    }

    @Override
    public String toString() {
        return byColumn.toString();
    }
}

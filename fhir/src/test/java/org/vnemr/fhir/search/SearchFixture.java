package org.vnemr.fhir.search;

import org.vnemr.fhir.index.DateRange;
import org.vnemr.fhir.schema.Tables;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes rows straight into the store's tables for search tests: id, version, last_updated, a minimal JSON
 * body and whichever search columns a test chooses, in the layout of {@link org.vnemr.fhir.schema.SearchParam}.
 */
final class SearchFixture {

    private final DataSource dataSource;

    SearchFixture(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Row row(String type, String id) {
        return new Row(type, id);
    }

    final class Row {
        private final String type;
        private final String id;
        private final Map<String, Object> columns = new LinkedHashMap<>();
        private Instant lastUpdated = Instant.parse("2025-01-01T00:00:00Z");
        private boolean deleted;

        private Row(String type, String id) {
            this.type = type;
            this.id = id;
        }

        /** A string parameter: folded {@code |a|b|} column and the NFC originals. */
        Row string(String column, String folded, String... exact) {
            columns.put(column, folded);
            columns.put(column + "_exact", exact);
            return this;
        }

        /** A text[] column (tokens, references, uris, quantity units, meta). */
        Row tokens(String column, String... values) {
            columns.put(column, values);
            return this;
        }

        Row text(String column, String value) {
            columns.put(column, value);
            return this;
        }

        /** A date parameter from a FHIR date at its precision, or a period from {@code from} to {@code to}. */
        Row date(String column, String from, String to) {
            columns.put(column + "_lo", DateRange.parse(from).low());
            columns.put(column + "_hi", DateRange.parse(to).high());
            return this;
        }

        Row date(String column, String value) {
            return date(column, value, value);
        }

        Row numbers(String column, String... values) {
            columns.put(column, java.util.Arrays.stream(values).map(BigDecimal::new).toArray(BigDecimal[]::new));
            return this;
        }

        Row lastUpdated(String instant) {
            this.lastUpdated = Instant.parse(instant);
            return this;
        }

        Row deleted() {
            this.deleted = true;
            return this;
        }

        void save() {
            List<String> names = new ArrayList<>(List.of("id", "version_id", "last_updated", "deleted", "content"));
            names.addAll(columns.keySet());
            String sql = "INSERT INTO " + Tables.current(type) + " (" + String.join(", ", names) + ") VALUES ("
                    + String.join(", ", names.stream().map(n -> "?").toList()) + ")";
            String json = deleted ? null : "{\"resourceType\":\"" + type + "\",\"id\":\"" + id
                    + "\",\"meta\":{\"versionId\":\"1\",\"lastUpdated\":\"" + lastUpdated + "\"}}";
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, id);
                ps.setLong(2, 1);
                ps.setObject(3, OffsetDateTime.ofInstant(lastUpdated, ZoneOffset.UTC));
                ps.setBoolean(4, deleted);
                ps.setString(5, json);
                int i = 6;
                for (Object value : columns.values()) {
                    if (value instanceof String[] a) {
                        ps.setArray(i, c.createArrayOf("text", a));
                    } else if (value instanceof BigDecimal[] a) {
                        ps.setArray(i, c.createArrayOf("numeric", a));
                    } else if (value instanceof Instant t) {
                        ps.setObject(i, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
                    } else {
                        ps.setString(i, (String) value);
                    }
                    i++;
                }
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

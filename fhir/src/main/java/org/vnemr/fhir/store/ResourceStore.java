package org.vnemr.fhir.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.vnemr.fhir.index.IndexedValues;
import org.vnemr.fhir.schema.SearchParam;
import org.vnemr.fhir.schema.SearchParamCatalog;
import org.vnemr.fhir.schema.Tables;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The only SQL of the resource tables outside search: reads, version checks, existence checks for
 * referential integrity, and batched writes. Callers hold the transaction (Spring's, on this thread).
 *
 * <p>Current versions live in {@code "<type>"} with their search columns; superseded versions are moved to
 * {@code "<type>_history"}. So a create is one insert, and an update is one history insert plus one
 * update — both batched per type with JDBC batches (pgjdbc rewrites them into multi-row statements).
 */
public class ResourceStore {

    private static final String SQL_SELECT_CURRENT = """
            SELECT id, version_id, last_updated, deleted, content FROM %s WHERE id = ?""";
    private static final String SQL_SELECT_VERSION = """
            SELECT id, version_id, last_updated, deleted, content FROM %s WHERE id = ? AND version_id = ?
            UNION ALL
            SELECT id, version_id, last_updated, deleted, content FROM %s WHERE id = ? AND version_id = ?""";
    private static final String SQL_SELECT_VERSIONS_FOR_UPDATE = """
            SELECT id, version_id, deleted FROM %s WHERE id = ANY (?) ORDER BY id FOR UPDATE""";
    private static final String SQL_SELECT_EXISTING = """
            SELECT id FROM %s WHERE id = ANY (?) AND NOT deleted""";
    private static final String SQL_INSERT_HISTORY_FROM_CURRENT = """
            INSERT INTO %s (id, version_id, last_updated, deleted, content)
            SELECT id, version_id, last_updated, deleted, content FROM %s WHERE id = ?""";
    private static final String SQL_INSTANCE_HISTORY = """
            SELECT id, version_id, last_updated, deleted, content FROM (
              SELECT id, version_id, last_updated, deleted, content FROM %s WHERE id = ?
              UNION ALL
              SELECT id, version_id, last_updated, deleted, content FROM %s WHERE id = ?) v
            WHERE last_updated >= ? AND last_updated < ?
            ORDER BY version_id DESC OFFSET ? LIMIT ?""";
    private static final String SQL_TYPE_HISTORY_PART = """
            (SELECT '%s' AS type, id, version_id, last_updated, deleted, content FROM %s
              WHERE last_updated >= ? AND last_updated < ? ORDER BY last_updated DESC LIMIT ?)""";

    private final JdbcTemplate jdbc;
    private final SearchParamCatalog catalog;
    private final Map<String, TableStatements> statements = new ConcurrentHashMap<>();

    public ResourceStore(JdbcTemplate jdbc, SearchParamCatalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** The current version (possibly a tombstone), or empty when the id was never used. */
    public Optional<StoredResource> read(String type, String id) {
        List<StoredResource> rows = jdbc.query(SQL_SELECT_CURRENT.formatted(Tables.current(type)), mapper(type), id);
        return rows.stream().findFirst();
    }

    public Optional<StoredResource> readVersion(String type, String id, long versionId) {
        List<StoredResource> rows = jdbc.query(
                SQL_SELECT_VERSION.formatted(Tables.current(type), Tables.history(type)), mapper(type),
                id, versionId, id, versionId);
        return rows.stream().findFirst();
    }

    /** Current versions of {@code ids}, locked for update until the transaction ends. */
    public Map<String, CurrentVersion> lockCurrentVersions(String type, Collection<String> ids) {
        return versions(SQL_SELECT_VERSIONS_FOR_UPDATE, type, ids);
    }

    private Map<String, CurrentVersion> versions(String sql, String type, Collection<String> ids) {
        Map<String, CurrentVersion> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement(sql.formatted(Tables.current(type)));
            ps.setArray(1, con.createArrayOf("text", ids.toArray()));
            return ps;
        }, rs -> {
            result.put(rs.getString(1), new CurrentVersion(rs.getLong(2), rs.getBoolean(3)));
        });
        return result;
    }

    /** Which of {@code ids} exist and are not deleted. */
    public Set<String> existing(String type, Collection<String> ids) {
        Set<String> found = new HashSet<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement(SQL_SELECT_EXISTING.formatted(Tables.current(type)));
            ps.setArray(1, con.createArrayOf("text", ids.toArray()));
            return ps;
        }, rs -> {
            found.add(rs.getString(1));
        });
        return found;
    }

    /**
     * Appends new resources (ids not yet used) with PostgreSQL COPY — the bulk-import path, several times
     * faster than batched inserts. The caller holds the transaction; a used id fails the whole COPY.
     */
    public void copyNew(String type, List<PendingWrite> rows) {
        if (rows.isEmpty()) {
            return;
        }
        TableStatements table = statements.computeIfAbsent(type, this::tableStatements);
        StringBuilder data = new StringBuilder(rows.size() * 2048);
        for (PendingWrite w : rows) {
            CopyText.field(data, w.id(), true);
            CopyText.field(data, Long.toString(w.versionId()), false);
            CopyText.field(data, w.lastUpdated().toString(), false);
            CopyText.field(data, w.deleted() ? "t" : "f", false);
            CopyText.field(data, w.text(), false);
            for (int c = 0; c < table.columns.size(); c++) {
                Object value = w.values() == null ? null : w.values().get(table.columns.get(c));
                CopyText.value(data, table.sqlTypes.get(c), value);
            }
            data.append('\n');
        }
        String sql = "COPY " + Tables.current(type) + " (id, version_id, last_updated, deleted, content, "
                + String.join(", ", table.columns) + ") FROM STDIN";
        jdbc.execute((Connection con) -> {
            try {
                con.unwrap(org.postgresql.PGConnection.class).getCopyAPI()
                        .copyIn(sql, new java.io.StringReader(data.toString()));
            } catch (java.io.IOException e) {
                throw new SQLException("COPY into " + type + " failed", e);
            }
            return null;
        });
    }

    /** Writes all pending versions, grouped per type, in the caller's transaction. */
    public void write(List<PendingWrite> writes) {
        Map<String, List<PendingWrite>> byType = new LinkedHashMap<>();
        for (PendingWrite w : writes) {
            byType.computeIfAbsent(w.resourceType(), t -> new ArrayList<>()).add(w);
        }
        for (Map.Entry<String, List<PendingWrite>> group : byType.entrySet()) {
            TableStatements table = statements.computeIfAbsent(group.getKey(), this::tableStatements);
            List<PendingWrite> inserts = new ArrayList<>();
            List<PendingWrite> updates = new ArrayList<>();
            for (PendingWrite w : group.getValue()) {
                (w.replacesCurrent() ? updates : inserts).add(w);
            }
            jdbc.execute((Connection con) -> {
                if (!updates.isEmpty()) {
                    try (PreparedStatement move = con.prepareStatement(table.moveToHistory)) {
                        for (PendingWrite w : updates) {
                            move.setString(1, w.id());
                            move.addBatch();
                        }
                        move.executeBatch();
                    }
                    try (PreparedStatement update = con.prepareStatement(table.update)) {
                        for (PendingWrite w : updates) {
                            int next = bindRow(con, update, table, w, 1);
                            update.setString(next, w.id());
                            update.addBatch();
                        }
                        update.executeBatch();
                    }
                }
                if (!inserts.isEmpty()) {
                    try (PreparedStatement insert = con.prepareStatement(table.insert)) {
                        for (PendingWrite w : inserts) {
                            insert.setString(1, w.id());
                            bindRow(con, insert, table, w, 2);
                            insert.addBatch();
                        }
                        insert.executeBatch();
                    }
                }
                return null;
            });
        }
    }

    /** Binds version_id, last_updated, deleted, content and every search column from {@code index}. */
    private static int bindRow(Connection con, PreparedStatement ps, TableStatements table, PendingWrite w, int start)
            throws SQLException {
        int i = start;
        ps.setLong(i++, w.versionId());
        ps.setObject(i++, OffsetDateTime.ofInstant(w.lastUpdated(), ZoneOffset.UTC));
        ps.setBoolean(i++, w.deleted());
        ps.setString(i++, w.text());
        IndexedValues values = w.values();
        for (int c = 0; c < table.columns.size(); c++) {
            Object value = values == null ? null : values.get(table.columns.get(c));
            bindValue(con, ps, i++, table.sqlTypes.get(c), value);
        }
        return i;
    }

    private static void bindValue(Connection con, PreparedStatement ps, int index, String sqlType, Object value)
            throws SQLException {
        switch (sqlType) {
            case "text[]" -> {
                if (value == null) {
                    ps.setNull(index, Types.ARRAY);
                } else {
                    Array array = con.createArrayOf("text", (Object[]) value);
                    ps.setArray(index, array);
                }
            }
            case "numeric[]" -> {
                if (value == null) {
                    ps.setNull(index, Types.ARRAY);
                } else {
                    ps.setArray(index, con.createArrayOf("numeric", (BigDecimal[]) value));
                }
            }
            case "timestamptz" -> {
                if (value == null) {
                    ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    ps.setObject(index, OffsetDateTime.ofInstant((Instant) value, ZoneOffset.UTC));
                }
            }
            default -> ps.setString(index, (String) value);
        }
    }

    /** Instance history, newest first; {@code since}/{@code before} bound the last-updated time. */
    public List<StoredResource> instanceHistory(String type, String id, Instant since, Instant before, int offset,
                                                int count) {
        return jdbc.query(SQL_INSTANCE_HISTORY.formatted(Tables.current(type), Tables.history(type)), mapper(type),
                id, id, ts(since), ts(before), offset, count);
    }

    /** History of every resource of {@code types}, newest first. */
    public List<StoredResource> typesHistory(Collection<String> types, Instant since, Instant before, int offset,
                                             int count) {
        List<String> parts = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        int perPart = offset + count;
        for (String type : types) {
            for (String table : List.of(Tables.current(type), Tables.history(type))) {
                parts.add(SQL_TYPE_HISTORY_PART.formatted(type, table));
                args.add(ts(since));
                args.add(ts(before));
                args.add(perPart);
            }
        }
        String sql = "SELECT type, id, version_id, last_updated, deleted, content FROM (" + String.join(" UNION ALL ", parts)
                + ") v ORDER BY last_updated DESC, type, id, version_id DESC OFFSET ? LIMIT ?";
        args.add(offset);
        args.add(count);
        return jdbc.query(sql, (rs, n) -> new StoredResource(rs.getString(1), rs.getString(2), rs.getLong(3),
                rs.getTimestamp(4).toInstant(), rs.getBoolean(5), rs.getString(6)), args.toArray());
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    static RowMapper<StoredResource> mapper(String type) {
        return (rs, n) -> new StoredResource(type, rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                rs.getBoolean(4), rs.getString(5));
    }

    private TableStatements tableStatements(String type) {
        List<String> columns = new ArrayList<>(List.of("mt_tag", "mt_profile", "mt_security", "mt_source"));
        List<String> sqlTypes = new ArrayList<>(List.of("text[]", "text[]", "text[]", "text[]"));
        for (SearchParam param : catalog.params(type).values()) {
            columns.addAll(param.columns());
            sqlTypes.addAll(param.columnSqlTypes());
        }
        String columnList = String.join(", ", columns);
        String placeholders = String.join(", ", java.util.Collections.nCopies(columns.size(), "?"));
        String insert = "INSERT INTO " + Tables.current(type) + " (id, version_id, last_updated, deleted, content, "
                + columnList + ") VALUES (?, ?, ?, ?, ?, " + placeholders + ")";
        StringBuilder update = new StringBuilder("UPDATE " + Tables.current(type)
                + " SET version_id = ?, last_updated = ?, deleted = ?, content = ?");
        for (String column : columns) {
            update.append(", ").append(column).append(" = ?");
        }
        update.append(" WHERE id = ?");
        String move = SQL_INSERT_HISTORY_FROM_CURRENT.formatted(Tables.history(type), Tables.current(type));
        return new TableStatements(List.copyOf(columns), List.copyOf(sqlTypes), insert, update.toString(), move);
    }

    private record TableStatements(List<String> columns, List<String> sqlTypes, String insert, String update,
                                   String moveToHistory) {
    }
}

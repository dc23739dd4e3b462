package org.vnemr.terminology.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.vnemr.fhir.store.FhirJson;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The relational index of catalogue versions and their rows ({@code catalogue_version}, {@code catalogue_entry}):
 * the only SQL of the catalogue feature. Callers run it inside their transaction.
 */
class CatalogueStore {

    private static final String SQL_INSERT_VERSION = """
            INSERT INTO catalogue_version (id, kind, status, source_name, imported_at, entry_count)
            VALUES (?, ?, 'pending', ?, ?, ?)""";
    private static final String SQL_INSERT_ENTRY = """
            INSERT INTO catalogue_entry (version_id, code, display, fields, bhyt_price, service_price,
                                         payment_ratio, valid_from, valid_to)
            VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)""";
    private static final String SQL_SELECT_VERSION = """
            SELECT id, kind, status, source_name, imported_at, effective_from, effective_to, entry_count
            FROM catalogue_version""";
    private static final String SQL_SELECT_ENTRIES = """
            SELECT code, display, fields FROM catalogue_entry WHERE version_id = ? ORDER BY code""";
    private static final String SQL_ACTIVATE = """
            UPDATE catalogue_version SET status = 'active', effective_from = ? WHERE id = ? AND status = 'pending'""";
    private static final String SQL_END = "UPDATE catalogue_version SET effective_to = ? WHERE id = ?";
    private static final String SQL_LOCK_KIND = "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))";
    private static final String SQL_SELECT_PRICE = """
            SELECT e.code, e.display, e.bhyt_price, e.service_price, e.payment_ratio, v.id, v.effective_from
            FROM catalogue_entry e JOIN catalogue_version v ON v.id = e.version_id
            WHERE e.code = ? AND v.kind = ? AND v.status = 'active'
              AND v.effective_from <= ? AND (v.effective_to IS NULL OR v.effective_to >= ?)
              AND (e.valid_from IS NULL OR e.valid_from <= ?) AND (e.valid_to IS NULL OR e.valid_to >= ?)
            ORDER BY v.effective_from DESC LIMIT 1""";

    private static final String SQL_SELECT_ENTRY_ON = """
            SELECT e.code, e.display, e.fields
            FROM catalogue_entry e JOIN catalogue_version v ON v.id = e.version_id
            WHERE e.code = ? AND v.kind = ? AND v.status = 'active'
              AND v.effective_from <= ? AND (v.effective_to IS NULL OR v.effective_to >= ?)
              AND (e.valid_from IS NULL OR e.valid_from <= ?) AND (e.valid_to IS NULL OR e.valid_to >= ?)
            ORDER BY v.effective_from DESC LIMIT 1""";

    private static final TypeReference<LinkedHashMap<String, String>> FIELDS = new TypeReference<>() {
    };

    private static final RowMapper<CatalogueVersion> VERSION = (rs, n) -> new CatalogueVersion(
            rs.getString("id"),
            CatalogueKind.valueOf(rs.getString("kind")),
            CatalogueVersion.Status.valueOf(rs.getString("status").toUpperCase(java.util.Locale.ROOT)),
            rs.getString("source_name"),
            rs.getTimestamp("imported_at").toInstant(),
            localDate(rs, "effective_from"),
            localDate(rs, "effective_to"),
            rs.getInt("entry_count"));

    private final JdbcTemplate jdbc;

    CatalogueStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insertVersion(CatalogueVersion version) {
        jdbc.update(SQL_INSERT_VERSION, version.id(), version.kind().name(), version.sourceName(),
                Timestamp.from(version.importedAt()), version.entryCount());
    }

    void insertEntries(String versionId, List<CatalogueEntry> entries) {
        jdbc.batchUpdate(SQL_INSERT_ENTRY, entries, 1000, (ps, e) -> {
            ps.setString(1, versionId);
            ps.setString(2, e.code());
            ps.setString(3, e.display());
            ps.setString(4, json(e.fields()));
            ps.setBigDecimal(5, e.bhytPrice());
            ps.setBigDecimal(6, e.servicePrice());
            ps.setBigDecimal(7, e.field(CatalogueEntry.PAYMENT_RATIO) == null ? null : e.paymentRatio());
            ps.setObject(8, e.validFrom() == null ? null : Date.valueOf(e.validFrom()));
            ps.setObject(9, e.validTo() == null ? null : Date.valueOf(e.validTo()));
        });
    }

    Optional<CatalogueVersion> version(String id) {
        return jdbc.query(SQL_SELECT_VERSION + " WHERE id = ?", VERSION, id).stream().findFirst();
    }

    /** All versions of a catalogue, newest import first. */
    List<CatalogueVersion> versions(CatalogueKind kind) {
        return jdbc.query(SQL_SELECT_VERSION + " WHERE kind = ? ORDER BY imported_at DESC, id", VERSION, kind.name());
    }

    /** The activated version that starts last (the one a new activation follows), if any. */
    Optional<CatalogueVersion> latestActive(CatalogueKind kind) {
        return jdbc.query(SQL_SELECT_VERSION + " WHERE kind = ? AND status = 'active' ORDER BY effective_from DESC"
                + " LIMIT 1", VERSION, kind.name()).stream().findFirst();
    }

    /** The rows of a version by code, in code order. */
    Map<String, CatalogueEntry> entries(String versionId) {
        Map<String, CatalogueEntry> entries = new LinkedHashMap<>();
        jdbc.query(SQL_SELECT_ENTRIES, rs -> {
            CatalogueEntry e = new CatalogueEntry(rs.getString("code"), rs.getString("display"),
                    fields(rs.getString("fields")));
            entries.put(e.code(), e);
        }, versionId);
        return entries;
    }

    /** Serialises activations of one catalogue until the transaction ends. */
    void lockKind(CatalogueKind kind) {
        jdbc.query(SQL_LOCK_KIND, rs -> {
        }, "catalogue:" + kind.name());
    }

    boolean activate(String versionId, LocalDate from) {
        return jdbc.update(SQL_ACTIVATE, Date.valueOf(from), versionId) == 1;
    }

    void end(String versionId, LocalDate lastDay) {
        jdbc.update(SQL_END, Date.valueOf(lastDay), versionId);
    }

    Optional<Price> priceOn(CatalogueKind kind, String code, LocalDate day) {
        Date d = Date.valueOf(day);
        return jdbc.query(SQL_SELECT_PRICE, (rs, n) -> new Price(kind, rs.getString(1), rs.getString(2),
                plain(rs.getBigDecimal(3)), plain(rs.getBigDecimal(4)),
                rs.getBigDecimal(5) == null ? BigDecimal.valueOf(100) : plain(rs.getBigDecimal(5)),
                rs.getString(6), rs.getDate(7).toLocalDate()), code, kind.name(), d, d, d, d).stream().findFirst();
    }

    /** numeric(18,3) without the trailing zeros, never in exponent form (36000000, not 3.6E+7). */
    private static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    Optional<CatalogueEntry> entryOn(CatalogueKind kind, String code, LocalDate day) {
        Date d = Date.valueOf(day);
        return jdbc.query(SQL_SELECT_ENTRY_ON, (rs, n) -> new CatalogueEntry(rs.getString(1), rs.getString(2),
                fields(rs.getString(3))), code, kind.name(), d, d, d, d).stream().findFirst();
    }

    private static LocalDate localDate(ResultSet rs, String column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    private static String json(Map<String, String> fields) {
        try {
            return FhirJson.MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> fields(String json) {
        try {
            return FhirJson.MAPPER.readValue(json, FIELDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.vnemr.platform.audit;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Tìm trong nhật ký: by patient (who opened this record), by user (what did this account do), by action and by
 * time, newest first. Each criterion adds a fixed SQL condition with a bound parameter; the patient criterion uses
 * the GIN index on {@code patients}.
 */
public final class AuditSearch {

    private static final String SQL_SELECT_EVENTS = "SELECT " + AuditRows.COLUMNS + " FROM audit_log WHERE true";

    private final JdbcTemplate jdbc;

    public AuditSearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<AuditRow> find(AuditQuery query) {
        StringBuilder sql = new StringBuilder(SQL_SELECT_EVENTS);
        List<Object> args = new ArrayList<>();
        if (query.patient() != null) {
            sql.append(" AND patients @> ARRAY[?]::text[]");
            args.add(query.patient());
        }
        if (query.user() != null) {
            sql.append(" AND user_name = ?");
            args.add(query.user());
        }
        if (query.action() != null) {
            sql.append(" AND action = ?");
            args.add(query.action());
        }
        if (query.from() != null) {
            sql.append(" AND recorded >= ?");
            args.add(OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
        }
        if (query.to() != null) {
            sql.append(" AND recorded < ?");
            args.add(OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
        }
        if (query.beforeSeq() != null) {
            sql.append(" AND seq < ?");
            args.add(query.beforeSeq());
        }
        sql.append(" ORDER BY seq DESC LIMIT ?");
        args.add(query.limit());
        return jdbc.query(sql.toString(), (rs, n) -> AuditRows.map(rs), args.toArray());
    }

    /** How many events the trail holds (for reports and tests). */
    public long count() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM audit_log", Long.class);
        return n == null ? 0 : n;
    }
}

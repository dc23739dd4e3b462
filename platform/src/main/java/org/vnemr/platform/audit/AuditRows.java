package org.vnemr.platform.audit;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** The one row mapper of {@code audit_log}. */
final class AuditRows {

    static final String COLUMNS =
            "seq, recorded, user_name, user_role, action, outcome, patients, break_glass, event, prev_hash, hash";

    private AuditRows() {
    }

    static AuditRow map(ResultSet rs) throws SQLException {
        Array patients = rs.getArray("patients");
        List<String> ids = patients == null ? List.of() : Arrays.asList((String[]) patients.getArray());
        return new AuditRow(rs.getLong("seq"), rs.getObject("recorded", OffsetDateTime.class).toInstant(),
                rs.getString("user_name"), rs.getString("user_role"), rs.getString("action"), rs.getString("outcome"),
                ids, rs.getBoolean("break_glass"), rs.getString("event"), rs.getString("prev_hash"),
                rs.getString("hash"));
    }
}

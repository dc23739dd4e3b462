package org.vnemr.vncore.matching;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/**
 * Which patient records make up one person's chart after merges: the chart of a patient shows its own
 * resources and those of every record merged into it (the resources themselves are never rewritten).
 */
public class PatientLinks {

    private static final String SQL_SELECT_MERGED = """
            WITH RECURSIVE merged(id, depth) AS (
              SELECT ?::text, 0
              UNION
              SELECT m.source_id, merged.depth + 1 FROM vncore_patient_merge m JOIN merged ON m.target_id = merged.id
              WHERE m.unmerged_at IS NULL AND merged.depth < 16)
            SELECT id FROM merged ORDER BY depth, id""";

    private final JdbcTemplate jdbc;

    public PatientLinks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code patientId} first, then the ids of the patients merged into it (and into those). */
    public List<String> allIdsOf(String patientId) {
        return jdbc.queryForList(SQL_SELECT_MERGED, String.class, patientId).stream().distinct().toList();
    }
}

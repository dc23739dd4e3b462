package org.vnemr.vncore.matching;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vnemr.fhir.schema.Tables;
import org.vnemr.fhir.store.FhirJson;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the existing patients of this facility that may be the person being registered: certain matches by
 * identifier (CCCD, BHYT/BHXH number, passport), probable and possible ones by a score over name, birth
 * date, sex, ward and phone ({@link PatientScorer}). The clerk sees them, with the reasons, before a second
 * record of the same person is created.
 *
 * <p>Candidates come from the blocking keys ({@link PatientMatchIndex}); records already merged into another
 * one are not offered (the survivor is).
 */
public class PatientMatcher {

    /** Upper bound of rows scored per call; a key shared by more patients than this is too common to help. */
    static final int MAX_CANDIDATES = 500;
    public static final int DEFAULT_COUNT = 10;

    private static final String SQL_SELECT_PATIENTS = "SELECT id, content FROM " + Tables.current("Patient")
            + " WHERE id = ANY(?) AND NOT deleted";

    private final PatientMatchIndex index;
    private final JdbcTemplate jdbc;

    public PatientMatcher(PatientMatchIndex index, JdbcTemplate jdbc) {
        this.index = index;
        this.jdbc = jdbc;
    }

    /**
     * The best matches for a candidate Patient (FHIR JSON), best first.
     *
     * @param onlyCertain return certain matches only (for automatic linking)
     * @param count       at most this many
     */
    public List<PatientMatch> match(JsonNode candidate, boolean onlyCertain, int count) {
        index.refresh();
        PatientFacts wanted = PatientFacts.of(candidate);
        List<String> ids = index.candidates(PatientMatchKeys.wanted(wanted), MAX_CANDIDATES);
        if (ids.isEmpty()) {
            return List.of();
        }
        List<PatientMatch> matches = new ArrayList<>();
        jdbc.query(con -> {
            var ps = con.prepareStatement(SQL_SELECT_PATIENTS);
            ps.setArray(1, con.createArrayOf("text", ids.toArray()));
            return ps;
        }, rs -> {
            String id = rs.getString("id");
            if (id.equals(wanted.id())) {
                return;
            }
            String json = rs.getString("content");
            PatientFacts existing = PatientFacts.of(FhirJson.parseResource(json));
            if (existing.replaced()) {
                return;
            }
            MatchScore score = PatientScorer.score(wanted, existing);
            if (score.grade() != null && (!onlyCertain || score.grade() == MatchGrade.CERTAIN)) {
                matches.add(new PatientMatch(id, json, score));
            }
        });
        matches.sort(Comparator.comparing((PatientMatch m) -> m.score().grade().ordinal())
                .thenComparing(m -> -m.score().total()).thenComparing(PatientMatch::patientId));
        return matches.size() > count ? List.copyOf(matches.subList(0, count)) : matches;
    }
}

package org.vnemr.vncore.matching;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

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

    private final PatientMatchIndex index;

    public PatientMatcher(PatientMatchIndex index) {
        this.index = index;
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
        record Scored(String id, MatchScore score) {
        }
        List<Scored> scored = new ArrayList<>();
        for (PatientFacts existing : index.candidates(PatientMatchKeys.wanted(wanted), MAX_CANDIDATES)) {
            if (existing.id().equals(wanted.id()) || existing.replaced()) {
                continue;
            }
            MatchScore score = PatientScorer.score(wanted, existing);
            if (score.grade() != null && (!onlyCertain || score.grade() == MatchGrade.CERTAIN)) {
                scored.add(new Scored(existing.id(), score));
            }
        }
        scored.sort(Comparator.comparing((Scored m) -> m.score().grade().ordinal())
                .thenComparing(m -> -m.score().total()).thenComparing(Scored::id));
        List<Scored> best = scored.size() > count ? scored.subList(0, count) : scored;
        // only the answer's patients are read in full
        Map<String, String> contents = index.contents(best.stream().map(Scored::id).toList());
        List<PatientMatch> matches = new ArrayList<>(best.size());
        for (Scored s : best) {
            String json = contents.get(s.id());
            if (json != null) {
                matches.add(new PatientMatch(s.id(), json, s.score()));
            }
        }
        return matches;
    }
}

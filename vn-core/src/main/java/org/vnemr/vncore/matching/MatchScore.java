package org.vnemr.vncore.matching;

import java.util.List;

/**
 * The explainable score of one existing patient against a candidate: the components, their total and the
 * grade (null when the total is too low to show the patient to the clerk).
 */
public record MatchScore(List<ScoreComponent> components, int total, MatchGrade grade) {

    /** The FHIR {@code search.score}: 0..1, 1 for an identifier match. */
    public double normalised() {
        if (grade == MatchGrade.CERTAIN) {
            return 1.0;
        }
        double score = Math.max(0, total) / (double) PatientScorer.MAX_WITHOUT_IDENTIFIER;
        return Math.min(0.99, Math.round(score * 100) / 100.0);
    }

    /** All components as one Vietnamese sentence, e.g. for a tooltip or an OperationOutcome issue. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        for (ScoreComponent c : components) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(c.label()).append(" (").append(c.points() > 0 ? "+" : "").append(c.points()).append(')');
        }
        return text.append(". Tổng ").append(total).append(" điểm").toString();
    }
}

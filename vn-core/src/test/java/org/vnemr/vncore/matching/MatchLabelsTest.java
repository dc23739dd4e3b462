package org.vnemr.vncore.matching;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MatchLabelsTest {

    /** Every field/comparison pair PatientScorer can produce. */
    private static final Map<String, List<String>> PRODUCED = Map.of(
            "identifier", List.of("same", "different"),
            "name", List.of("exact", "reordered", "middle-name-missing", "similar", "partly", "different", "missing"),
            "birthDate", List.of("exact", "day-month-swapped", "year-only", "same-year", "different", "missing"),
            "gender", List.of("same", "different", "missing"),
            "address", List.of("same-ward", "same-province", "different", "missing"),
            "telecom", List.of("same", "different", "missing"));

    @Test
    void everyComparison_hasAVietnameseAndAnEnglishLabel() {
        PRODUCED.forEach((field, comparisons) -> comparisons.forEach(comparison -> {
            assertThat(MatchLabels.has("vi", field, comparison)).as("vi " + field + "." + comparison).isTrue();
            assertThat(MatchLabels.has("en", field, comparison)).as("en " + field + "." + comparison).isTrue();
        }));
    }
}

package org.vnemr.fhir.store;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;

class ReferencesTest {

    @Test
    void aRelativeReferenceGivesItsTypeAndId() {
        assertThat(References.relative("Patient/p-1.a")).containsExactly("Patient", "p-1.a");
        assertThat(References.relative("Encounter/9/_history/2")).containsExactly("Encounter", "9");
        assertThat(References.relative("Patient/" + "x".repeat(64))).containsExactly("Patient", "x".repeat(64));
    }

    @Test
    void anythingElseIsNotRelative() {
        for (String other : new String[] {null, "", "Patient", "Patient/", "patient/1", "P/1", "Patient/1/", "Pa1/1",
                "Patient/a b", "Patient/" + "x".repeat(65), "http://h/Patient/1", "urn:uuid:1", "#c1",
                "Patient/1/_history/", "Patient/1/_history/2/x", "Patient/1/history/2"}) {
            assertThat(References.relative(other)).as(other).isNull();
        }
    }

    @Test
    void agreesWithThePatternThatDefinesIt() {
        Random random = new Random(7);
        String[] pieces = {"Patient", "P", "p", "Encounter", "/", "1", "a-b.c", "_history", "/_history/", " ", "x",
                "9".repeat(40), "Ư", ":"};
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(6); k >= 0; k--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String reference = text.toString();
            Matcher m = References.RELATIVE.matcher(reference);
            String[] expected = m.matches() ? new String[] {m.group(1), m.group(2)} : null;
            assertThat(References.relative(reference)).as(reference).isEqualTo(expected);
        }
    }
}

package org.vnemr.platform.patient;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class PatientReferencesTest {

    /** The definition the scanner implements, as a pattern: slow, but easy to read. */
    private static final Pattern DEFINITION = Pattern.compile(
            "\"(?:subject|patient|beneficiary|individual)\"\\s*:\\s*\\{[^{}]{0,512}?\"reference\"\\s*:\\s*"
                    + "\"(?:[^\"]{0,256}/)?Patient/([A-Za-z0-9\\-.]{1,64})\"");

    @Test
    void findsThePatientOfEachPatientPointingElement() {
        String json = """
                {"resourceType":"Encounter","subject":{"reference":"Patient/p-1","display":"Nguyễn Văn A"},
                 "participant":[{"individual":{"reference":"Practitioner/bs1"}}],
                 "x":{"patient" : { "type":"Patient", "reference" : "http://host/fhir/Patient/p.2" }},
                 "beneficiary":{"reference":"Patient/p-1"}}""";
        assertThat(PatientReferences.inJsonText(json)).containsExactly("p-1", "p.2");
    }

    @Test
    void ignoresPatientTextOutsideAReferenceOfAPatientPointingElement() {
        assertThat(PatientReferences.inJsonText("{\"note\":\"Patient/7\"}")).isEmpty();
        assertThat(PatientReferences.inJsonText("{\"performer\":{\"reference\":\"Patient/7\"}}")).isEmpty();
        assertThat(PatientReferences.inJsonText("{\"subject\":{\"reference\":\"Group/Patient/7x\"}}"))
                .containsExactly("7x");
        assertThat(PatientReferences.inJsonText("{\"subject\":{\"reference\":\"Patient/\"}}")).isEmpty();
        assertThat(PatientReferences.inJsonText("{\"subject\":{\"reference\":\"Patient/a b\"}}")).isEmpty();
        assertThat(PatientReferences.inJsonText("{\"subject\":{\"a\":{},\"reference\":\"Patient/7\"}}")).isEmpty();
        assertThat(PatientReferences.inJsonText("Patient/7")).isEmpty();
        assertThat(PatientReferences.inJsonText("")).isEmpty();
        assertThat(PatientReferences.inJsonText(null)).isEmpty();
    }

    @Test
    void findsAtLeastWhatThePatternFindsInRandomlyAssembledText() {
        Random random = new Random(20261126);
        String[] pieces = {"\"subject\":{", "\"patient\" : {", "\"performer\":{", "\"individual\":\n{",
                "\"beneficiary\":{", ":", "{", "}", "\"reference\":\"", "\"reference\" :  \"", "\"",
                "Patient/", "Patient/12\"", "Patient/a-b.c\"", "http://x/", "/", ",", " ",
                "\"display\":\"Lê Thị Hoa\",", "x".repeat(300), "Encounter/9\"", "é", "["};
        int withPatients = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder json = new StringBuilder();
            int n = 1 + random.nextInt(12);
            for (int k = 0; k < n; k++) {
                json.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = json.toString();
            List<String> expected = byDefinition(text);
            // the pattern's matches cannot overlap; the scanner also sees a second "reference" of one object, which
            // only broken JSON has: more patients named in the audit trail, never fewer
            assertThat(PatientReferences.inJsonText(text)).as(text).containsAll(expected);
            withPatients += expected.isEmpty() ? 0 : 1;
        }
        assertThat(withPatients).as("cases that name a patient").isGreaterThan(100);
    }

    @Test
    void agreesWithThePatternOnWellFormedReferences() {
        for (String key : List.of("subject", "patient", "beneficiary", "individual", "focus")) {
            for (String before : List.of("", "\"type\":\"Patient\",", "\"display\":\"" + "y".repeat(511) + "\",",
                    "\"display\":\"" + "y".repeat(520) + "\",")) {
                for (String prefix : List.of("", "http://a/fhir/", "z".repeat(255) + "/", "z".repeat(260) + "/")) {
                    String text = "{\"" + key + "\":{" + before + "\"reference\":\"" + prefix + "Patient/42\"}}";
                    assertThat(PatientReferences.inJsonText(text)).as(text).isEqualTo(byDefinition(text));
                }
            }
        }
    }

    private static List<String> byDefinition(String json) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = DEFINITION.matcher(json);
        while (m.find()) {
            found.add(m.group(1));
        }
        return new ArrayList<>(found);
    }
}

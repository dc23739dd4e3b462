package org.vnemr.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.vnemr.bench.synth.PatientGenerator;

/** The fixed list of reads and searches the benchmark times, each drawing its parameters from loaded patients. */
final class QueryMix {

    /**
     * @param name     what is measured
     * @param url      builds one request URL (relative to the base) from a random source and the loaded patients
     * @param nextPage when true, {@code url} is a first page and the timed request is its {@code next} link
     */
    record Query(String name, BiFunction<SplittableRandom, List<LoadedPatient>, String> url, boolean nextPage) {
    }

    private QueryMix() {
    }

    static List<Query> queries(LocalDate asOf) {
        String oneYearAgo = asOf.minusYears(1).toString();
        return List.of(
                new Query("read Patient/id", (r, p) -> "Patient/" + any(r, p).id(), false),
                new Query("read Observation/id", (r, p) -> "Observation/" + anyObservation(r, p), false),
                new Query("Patient?identifier=cccd", (r, p) ->
                        "Patient?identifier=" + enc(PatientGenerator.CCCD_SYSTEM + "|" + any(r, p).cccd()), false),
                new Query("Patient?name=<full name, no diacritics>", (r, p) ->
                        "Patient?name=" + enc(any(r, p).foldedName()), false),
                new Query("Patient?name=<family only>", (r, p) ->
                        "Patient?name=" + enc(any(r, p).foldedFamily()), false),
                new Query("Patient?birthdate=ge&gender", (r, p) -> {
                    LoadedPatient x = any(r, p);
                    return "Patient?birthdate=ge" + x.birthDate().getYear() + "-01-01&gender=" + x.gender();
                }, false),
                new Query("Observation?patient&code=8867-4&_sort=-date", (r, p) ->
                        "Observation?patient=" + any(r, p).id() + "&code=" + enc("http://loinc.org|8867-4")
                                + "&_sort=-date", false),
                new Query("Observation?subject&date=ge", (r, p) ->
                        "Observation?subject=Patient/" + any(r, p).id() + "&date=ge" + oneYearAgo, false),
                new Query("Encounter?patient&_sort=-date", (r, p) ->
                        "Encounter?patient=" + any(r, p).id() + "&_sort=-date", false),
                new Query("Condition?code=I10&_count=20", (r, p) ->
                        "Condition?code=" + enc(PatientGenerator.ICD10_SYSTEM + "|I10") + "&_count=20", false),
                new Query("MedicationRequest?patient", (r, p) ->
                        "MedicationRequest?patient=" + any(r, p).id(), false),
                new Query("Observation?patient&_include=Observation:encounter", (r, p) ->
                        "Observation?patient=" + any(r, p).id() + "&_include=Observation:encounter", false),
                new Query("Patient?_has:Condition:patient:code=E11&_count=20", (r, p) ->
                        "Patient?_has:Condition:patient:code=E11&_count=20", false),
                new Query("next page of Observation?patient&_count=20", (r, p) ->
                        "Observation?patient=" + any(r, p).id() + "&_count=20", true));
    }

    private static LoadedPatient any(SplittableRandom random, List<LoadedPatient> patients) {
        return patients.get(random.nextInt(patients.size()));
    }

    private static String anyObservation(SplittableRandom random, List<LoadedPatient> patients) {
        for (int attempt = 0; attempt < 100; attempt++) {
            List<String> ids = any(random, patients).observationIds();
            if (!ids.isEmpty()) {
                return ids.get(random.nextInt(ids.size()));
            }
        }
        return "none";
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

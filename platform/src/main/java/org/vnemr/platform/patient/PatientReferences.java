package org.vnemr.platform.patient;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds, cheaply, which patient a request concerns: from the URL, the search parameters, or the usual
 * patient-pointing elements ({@code subject}, {@code patient}, {@code beneficiary}, {@code individual}) of a
 * resource — by a bounded text scan of the JSON, without parsing it into a model. What cannot be found this way
 * (a search by code across all patients, a reference only through an encounter) stays unknown.
 */
public final class PatientReferences {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern IN_JSON = Pattern.compile(
            "\"(?:subject|patient|beneficiary|individual)\"\\s*:\\s*\\{[^{}]{0,512}?\"reference\"\\s*:\\s*"
                    + "\"(?:[^\"]{0,256}/)?Patient/([A-Za-z0-9\\-.]{1,64})\"");
    private static final Set<String> PATIENT_PARAMS = Set.of("patient", "patient:Patient", "subject:Patient",
            "beneficiary", "individual");
    private static final Set<String> MAYBE_PATIENT_PARAMS = Set.of("subject");
    private static final String[] POINTERS = {"subject", "patient", "beneficiary", "individual"};

    private PatientReferences() {
    }

    public static List<String> inSearch(String type, Map<String, String[]> params) {
        Set<String> found = new LinkedHashSet<>();
        for (Map.Entry<String, String[]> e : params.entrySet()) {
            String name = e.getKey();
            boolean direct = PATIENT_PARAMS.contains(name) || "Patient".equals(type) && "_id".equals(name);
            boolean maybe = MAYBE_PATIENT_PARAMS.contains(name);
            if (!direct && !maybe) {
                continue;
            }
            for (String value : e.getValue()) {
                for (String one : value.split(",")) {
                    String id = idOf(one.strip(), direct);
                    if (id != null) {
                        found.add(id);
                    }
                }
            }
        }
        return new ArrayList<>(found);
    }

    /** {@code Patient/7}, a full URL ending in it, or (when the parameter only points at patients) a bare id. */
    public static String idOf(String value, boolean bareIdAllowed) {
        int at = value.lastIndexOf("Patient/");
        String id = at >= 0 ? value.substring(at + "Patient/".length()) : bareIdAllowed ? value : null;
        if (id == null) {
            return null;
        }
        int history = id.indexOf('/');
        id = history >= 0 ? id.substring(0, history) : id;
        return ID.matcher(id).matches() ? id : null;
    }

    /** Patients referenced by the patient-pointing elements of a JSON text (the first 1 MB is scanned). */
    public static List<String> inJsonText(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        CharSequence text = json.length() > 1_048_576 ? json.subSequence(0, 1_048_576) : json;
        Set<String> found = new LinkedHashSet<>();
        Matcher m = IN_JSON.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return new ArrayList<>(found);
    }

    /** Patients referenced by the patient-pointing elements of a parsed resource. */
    public static List<String> inResource(JsonNode resource) {
        List<String> found = new ArrayList<>();
        if (resource == null) {
            return found;
        }
        for (String pointer : POINTERS) {
            JsonNode reference = resource.path(pointer).path("reference");
            if (reference.isTextual()) {
                String id = idOf(reference.asText(), false);
                if (id != null) {
                    found.add(id);
                }
            }
        }
        return found;
    }
}

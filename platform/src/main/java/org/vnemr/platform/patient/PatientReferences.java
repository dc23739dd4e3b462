package org.vnemr.platform.patient;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds, cheaply, which patient a request concerns: from the URL, the search parameters, or the usual
 * patient-pointing elements ({@code subject}, {@code patient}, {@code beneficiary}, {@code individual}) of a
 * resource — by a bounded text scan of the JSON, without parsing it into a model. What cannot be found this way
 * (a search by code across all patients, a reference only through an encounter) stays unknown.
 */
public final class PatientReferences {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
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

    /**
     * Patients referenced by the patient-pointing elements of a JSON text (the first 1 MB is scanned): every
     * {@code "subject"|"patient"|"beneficiary"|"individual": {… "reference": "[…/]Patient/id"}}.
     *
     * <p>Runs on every resource a screen reads (the audit trail names the patients), so it looks for the rare
     * {@code Patient/} with {@link String#indexOf} and only then checks the surroundings backwards, instead of
     * trying a pattern at every character: a regular expression cost a tenth of a busy node's CPU here.
     */
    public static List<String> inJsonText(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        int limit = Math.min(json.length(), 1_048_576);
        Set<String> found = new LinkedHashSet<>();
        for (int at = json.indexOf(PATIENT_SLASH); at >= 0 && at < limit;
             at = json.indexOf(PATIENT_SLASH, at + PATIENT_SLASH.length())) {
            String id = referencedId(json, at, limit);
            if (id != null) {
                found.add(id);
            }
        }
        return new ArrayList<>(found);
    }

    private static final String PATIENT_SLASH = "Patient/";

    /** The id after {@code Patient/} at {@code at}, if that text is the reference of a patient-pointing element. */
    private static String referencedId(String json, int at, int limit) {
        int idStart = at + PATIENT_SLASH.length();
        int idEnd = idStart;
        while (idEnd < limit && idEnd - idStart <= 64 && isIdChar(json.charAt(idEnd))) {
            idEnd++;
        }
        if (idEnd == idStart || idEnd - idStart > 64 || idEnd >= limit || json.charAt(idEnd) != '"') {
            return null;
        }
        // the string value holding it: "Patient/…", or "<up to 256 characters without a quote>/Patient/…"
        int quote = at - 1;
        if (quote < 0) {
            return null;
        }
        if (json.charAt(quote) != '"') {
            if (json.charAt(quote) != '/') {
                return null;
            }
            int stop = Math.max(-1, at - 1 - 257);
            while (quote > stop && json.charAt(quote) != '"') {
                quote--;
            }
            if (quote <= stop) {
                return null;
            }
        }
        // "reference" : <value>
        int p = skipSpaceBack(json, quote - 1);
        if (p < 0 || json.charAt(p) != ':') {
            return null;
        }
        p = skipSpaceBack(json, p - 1);
        if (!endsWithAt(json, p, "\"reference\"")) {
            return null;
        }
        // inside an object opened at most 512 characters (without braces) before, whose key points at a patient
        int keyEnd = p - "\"reference\"".length();
        int stop = Math.max(-1, keyEnd - 513);
        int brace = keyEnd;
        while (brace > stop && json.charAt(brace) != '{' && json.charAt(brace) != '}') {
            brace--;
        }
        if (brace <= stop || json.charAt(brace) != '{') {
            return null;
        }
        p = skipSpaceBack(json, brace - 1);
        if (p < 0 || json.charAt(p) != ':') {
            return null;
        }
        p = skipSpaceBack(json, p - 1);
        for (String pointer : QUOTED_POINTERS) {
            if (endsWithAt(json, p, pointer)) {
                return json.substring(idStart, idEnd);
            }
        }
        return null;
    }

    private static final String[] QUOTED_POINTERS = {"\"subject\"", "\"patient\"", "\"beneficiary\"",
            "\"individual\""};

    private static boolean isIdChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.';
    }

    private static int skipSpaceBack(String s, int i) {
        while (i >= 0 && Character.isWhitespace(s.charAt(i))) {
            i--;
        }
        return i;
    }

    /** Whether {@code s} has {@code word} ending at index {@code last} (inclusive). */
    private static boolean endsWithAt(String s, int last, String word) {
        int from = last - word.length() + 1;
        return from >= 0 && s.startsWith(word, from);
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

package org.vnemr.vncore.matching;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.text.VietnameseText;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What matching looks at in one Patient, read once from its FHIR JSON and normalised: the folded name
 * tokens in written order (họ, tên đệm, tên), the birth date with its precision, sex, ward and province
 * codes, phone numbers and identifier keys ({@link IdentifierKeys}).
 *
 * @param id             the resource id, or null for a candidate not yet stored
 * @param nameTokens     folded tokens, e.g. {@code [nguyen, thi, thu, ha]}
 * @param birthYear      the year, or 0 when unknown
 * @param birthDate      the full date, or null when only the year (or year-month) is known
 * @param sex            FHIR gender code, or null
 * @param ward           5-digit ward code (vn-ext-ward), or null
 * @param province       province code (vn-ext-province), or null
 * @param phones         digits only, {@code +84} written as a leading 0
 * @param identifierKeys e.g. {@code CCCD:079190001234}
 * @param replaced       the record has been merged into another one ({@code link.type = replaced-by})
 * @param replaces       the record has records merged into it ({@code link.type = replaces})
 * @param active         {@code active} is not {@code false}
 */
public record PatientFacts(String id, List<String> nameTokens, int birthYear, LocalDate birthDate, String sex,
                           String ward, String province, Set<String> phones, Set<String> identifierKeys,
                           boolean replaced, boolean replaces, boolean active) {

    static final String WARD_EXTENSION = "http://fhir.hl7.org.vn/core/StructureDefinition/vn-ext-ward";
    static final String PROVINCE_EXTENSION = "http://fhir.hl7.org.vn/core/StructureDefinition/vn-ext-province";

    public static PatientFacts of(JsonNode patient) {
        String id = patient.path("id").isTextual() ? patient.path("id").asText() : null;
        List<String> tokens = nameTokens(patient.path("name"));
        String birth = patient.path("birthDate").asText("");
        int year = 0;
        LocalDate date = null;
        if (birth.length() >= 4 && Character.isDigit(birth.charAt(0))) {
            try {
                year = Integer.parseInt(birth.substring(0, 4));
                if (birth.length() == 10) {
                    date = LocalDate.parse(birth);
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                year = 0; // not a FHIR date: the store refuses it, a candidate may still carry it
            }
        }
        String sex = patient.path("gender").isTextual() ? patient.path("gender").asText() : null;
        String ward = null;
        String province = null;
        for (JsonNode address : patient.path("address")) {
            for (JsonNode extension : address.path("extension")) {
                String url = extension.path("url").asText();
                String code = extension.path("valueCoding").path("code").asText(null);
                if (WARD_EXTENSION.equals(url) && ward == null) {
                    ward = code;
                } else if (PROVINCE_EXTENSION.equals(url) && province == null) {
                    province = code;
                }
            }
        }
        Set<String> phones = new LinkedHashSet<>();
        for (JsonNode telecom : patient.path("telecom")) {
            if ("phone".equals(telecom.path("system").asText()) || "sms".equals(telecom.path("system").asText())) {
                String phone = phone(telecom.path("value").asText(""));
                if (phone.length() >= 8) {
                    phones.add(phone);
                }
            }
        }
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode identifier : patient.path("identifier")) {
            IdentifierKeys.key(identifier.path("system").asText(null), identifier.path("value").asText(null))
                    .ifPresent(keys::add);
        }
        boolean replaced = false;
        boolean replaces = false;
        for (JsonNode link : patient.path("link")) {
            String type = link.path("type").asText();
            replaced |= "replaced-by".equals(type);
            replaces |= "replaces".equals(type);
        }
        boolean active = !patient.path("active").isBoolean() || patient.path("active").asBoolean();
        return new PatientFacts(id, tokens, year, date, sex, ward, province, phones, keys, replaced, replaces, active);
    }

    /** Name tokens of the official name (else the first one): its text, else family then given. */
    static List<String> nameTokens(JsonNode names) {
        JsonNode chosen = null;
        for (JsonNode name : names) {
            if (chosen == null || ("official".equals(name.path("use").asText())
                    && !"official".equals(chosen.path("use").asText()))) {
                chosen = name;
            }
        }
        if (chosen == null) {
            return List.of();
        }
        StringBuilder text = new StringBuilder();
        if (chosen.path("text").isTextual() && !chosen.path("text").asText().isBlank()) {
            text.append(chosen.path("text").asText());
        } else {
            text.append(chosen.path("family").asText(""));
            for (JsonNode given : chosen.path("given")) {
                text.append(' ').append(given.asText(""));
            }
        }
        return tokens(text.toString());
    }

    /** Folded tokens of free text: diacritics and đ folded, punctuation as spaces. */
    public static List<String> tokens(String text) {
        String folded = VietnameseText.fold(text);
        if (folded == null) {
            return List.of();
        }
        String cleaned = folded.replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
        if (cleaned.isEmpty()) {
            return List.of();
        }
        return new ArrayList<>(Arrays.asList(cleaned.split(" ")));
    }

    /** Digits only; the country code 84 becomes the domestic leading 0. */
    static String phone(String value) {
        String digits = value.replaceAll("\\D", "");
        if (digits.startsWith("84") && digits.length() >= 11) {
            digits = "0" + digits.substring(2);
        }
        return digits;
    }

    /** The compact stored form ({@code vncore_match_facts.facts}); {@link #fromStored} reads it back. */
    String toStored() {
        ObjectNode o = FhirJson.MAPPER.createObjectNode();
        nameTokens.forEach(o.putArray("n")::add);
        o.put("y", birthYear);
        if (birthDate != null) {
            o.put("d", birthDate.toString());
        }
        o.put("s", sex);
        o.put("w", ward);
        o.put("p", province);
        phones.forEach(o.putArray("t")::add);
        identifierKeys.forEach(o.putArray("i")::add);
        o.put("rb", replaced);
        o.put("rs", replaces);
        o.put("a", active);
        return FhirJson.write(o);
    }

    static PatientFacts fromStored(String id, String stored) {
        JsonNode o;
        try {
            o = FhirJson.MAPPER.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable match facts of Patient/" + id, e);
        }
        List<String> tokens = new ArrayList<>();
        o.path("n").forEach(t -> tokens.add(t.asText()));
        Set<String> phones = new LinkedHashSet<>();
        o.path("t").forEach(t -> phones.add(t.asText()));
        Set<String> keys = new LinkedHashSet<>();
        o.path("i").forEach(t -> keys.add(t.asText()));
        return new PatientFacts(id, tokens, o.path("y").asInt(), o.hasNonNull("d") ? LocalDate.parse(o.get("d").asText())
                : null, o.path("s").asText(null), o.path("w").asText(null), o.path("p").asText(null), phones, keys,
                o.path("rb").asBoolean(), o.path("rs").asBoolean(), o.path("a").asBoolean(true));
    }

    /** The tên (last token): in Vietnamese order the given name that people are called by. */
    String givenName() {
        return nameTokens.isEmpty() ? null : nameTokens.get(nameTokens.size() - 1);
    }
}

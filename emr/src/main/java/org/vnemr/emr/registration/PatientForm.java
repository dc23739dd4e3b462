package org.vnemr.emr.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vnemr.vncore.VnCoreUrls;
import org.vnemr.vncore.address.AdministrativeUnits;
import org.vnemr.vncore.address.Province;
import org.vnemr.vncore.address.VietnameseAddress;
import org.vnemr.vncore.address.Ward;
import org.vnemr.vncore.identity.Cccd;
import org.vnemr.vncore.identity.ParseResult;
import org.vnemr.vncore.identity.PhoneNumber;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hồ sơ người bệnh mới: the new-patient form as typed (a map of field name → text, so a refused form comes back
 * exactly as typed), its checks with vn-core's parsers, and the VN Core Patient it becomes. Field names (also the
 * input ids): {@code fullName, birthDate, gender, cccd, phone, province, ward, street, ethnicity, occupation} and the
 * card fields of {@link CardFields}.
 */
final class PatientForm {

    static final String MRN_SYSTEM = "https://vnemr.org/fhir/sid/ma-bn";
    static final List<String> FIELDS = List.of("fullName", "birthDate", "gender", "cccd", "phone", "province", "ward",
            "street", "ethnicity", "occupation", "bhytNumber", "bhytFrom", "bhytTo", "bhytFacility", "bhytLevel");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd/MM/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PatientForm() {
    }

    /** Only the known fields, stripped, never null. */
    static Map<String, String> of(Map<String, String> posted) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String f : FIELDS) {
            String v = posted.get(f);
            form.put(f, v == null ? "" : v.strip());
        }
        return form;
    }

    /** The checked patient, or null with the errors (field → Vietnamese message) filled in. */
    static ObjectNode check(Map<String, String> form, Map<String, String> errors, AdministrativeUnits units,
                            LocalDate today) {
        String name = form.get("fullName").replaceAll("\\s+", " ");
        if (name.isEmpty()) {
            errors.put("fullName", UiErrors.text("VNEMR-6101"));
        }
        LocalDate birth = date(form.get("birthDate"), "birthDate", errors, true);
        if (birth != null && birth.isAfter(today)) {
            errors.put("birthDate", UiErrors.text("VNEMR-6102", form.get("birthDate")));
        }
        String gender = form.get("gender");
        if (!List.of("male", "female", "other").contains(gender)) {
            errors.put("gender", UiErrors.text("VNEMR-6103"));
        }
        Cccd cccd = null;
        if (!form.get("cccd").isEmpty()) {
            ParseResult<Cccd> parsed = Cccd.parse(form.get("cccd"), units);
            if (!parsed.isValid()) {
                errors.put("cccd", UiErrors.text("VNEMR-6104", parsed.errors().get(0).messageVi()));
            } else {
                cccd = parsed.value();
            }
        }
        PhoneNumber phone = null;
        if (!form.get("phone").isEmpty()) {
            ParseResult<PhoneNumber> parsed = PhoneNumber.parse(form.get("phone"));
            if (!parsed.isValid()) {
                errors.put("phone", UiErrors.text("VNEMR-6105", parsed.errors().get(0).messageVi()));
            } else {
                phone = parsed.value();
            }
        }
        Province province = form.get("province").isEmpty() ? null : units.province(form.get("province")).orElse(null);
        Ward ward = form.get("ward").isEmpty() ? null : units.ward(form.get("ward")).orElse(null);
        if (ward != null && (province == null || !ward.provinceCode().equals(province.code()))) {
            errors.put("ward", UiErrors.text("VNEMR-6106"));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        ObjectNode patient = JSON.objectNode();
        patient.put("resourceType", "Patient");
        patient.putObject("meta").putArray("profile").add(VnCoreUrls.SD + "vn-core-patient");
        ArrayNode ids = patient.putArray("identifier");
        if (cccd == null) {
            // VN Core wants a CCCD or the reason it is missing (child without a card, papers not brought)
            ObjectNode id = ids.addObject();
            id.put("system", VnCoreUrls.SID_CCCD);
            ObjectNode reason = id.putArray("extension").addObject();
            reason.put("url", VnCoreUrls.EXT_DATA_ABSENT_REASON);
            reason.put("valueCode", "unknown");
        } else {
            ObjectNode id = ids.addObject();
            id.put("use", "official");
            ObjectNode coding = id.putObject("type").putArray("coding").addObject();
            coding.put("system", VnCoreUrls.CS_IDENTIFIER_TYPE);
            coding.put("code", "CCCD");
            id.put("system", VnCoreUrls.SID_CCCD);
            id.put("value", cccd.value());
        }
        patient.put("active", true);
        ObjectNode n = patient.putArray("name").addObject();
        n.put("use", "official");
        n.put("text", name);
        List<String> words = Arrays.asList(name.split(" "));
        n.put("family", words.get(0));
        if (words.size() > 1) {
            ArrayNode given = n.putArray("given");
            words.subList(1, words.size()).forEach(given::add);
        }
        if (phone != null) {
            ObjectNode t = patient.putArray("telecom").addObject();
            t.put("system", "phone");
            t.put("value", phone.national());
            t.put("use", phone.kind() == PhoneNumber.Kind.MOBILE ? "mobile" : "home");
        }
        patient.put("gender", gender);
        patient.put("birthDate", birth.toString());
        String street = form.get("street");
        if (province != null || !street.isEmpty()) {
            StringBuilder text = new StringBuilder(street);
            for (String part : new String[]{ward == null ? null : ward.fullName(),
                    province == null ? null : province.fullName()}) {
                if (part != null) {
                    text.append(text.isEmpty() ? "" : ", ").append(part);
                }
            }
            ObjectNode address = new VietnameseAddress(units).toFhir(new VietnameseAddress.Parsed(
                    street.isEmpty() ? null : street, province, ward, null, text.toString()));
            if (province == null) {
                address.remove("country"); // a street alone: not a Vietnamese address the profile can check
            }
            patient.putArray("address").add(address);
        }
        ArrayNode extensions = JSON.arrayNode();
        if (!form.get("ethnicity").isEmpty()) {
            ObjectNode e = extensions.addObject();
            e.put("url", VnCoreUrls.EXT_ETHNICITY);
            ObjectNode c = e.putObject("valueCodeableConcept").putArray("coding").addObject();
            c.put("system", VnCoreUrls.CS_ETHNICITY);
            c.put("code", form.get("ethnicity"));
        }
        if (!form.get("occupation").isEmpty()) {
            ObjectNode e = extensions.addObject();
            e.put("url", VnCoreUrls.EXT_OCCUPATION);
            e.putObject("valueCodeableConcept").put("text", form.get("occupation"));
        }
        if (!extensions.isEmpty()) {
            patient.set("extension", extensions);
        }
        return patient;
    }

    /** The form pre-filled from a draft Patient (PatientDraft.fromQr): name, birth date, sex, CCCD, address. */
    static Map<String, String> fromDraft(JsonNode draft) {
        Map<String, String> form = of(Map.of());
        form.put("fullName", draft.path("name").path(0).path("text").asText(""));
        String birth = draft.path("birthDate").asText("");
        form.put("birthDate", birth.length() == 10 ? shown(LocalDate.parse(birth)) : "");
        form.put("gender", draft.path("gender").asText(""));
        for (JsonNode id : draft.path("identifier")) {
            if (VnCoreUrls.SID_CCCD.equals(id.path("system").asText())) {
                form.put("cccd", id.path("value").asText());
            }
        }
        JsonNode address = draft.path("address").path(0);
        VietnameseAddress.provinceCode(address).ifPresent(p -> form.put("province", p));
        VietnameseAddress.wardCode(address).ifPresent(w -> form.put("ward", w));
        String line = address.path("line").path(0).asText(address.path("text").asText(""));
        form.put("street", line);
        return form;
    }

    /** dd/MM/yyyy (or yyyy-MM-dd from a date picker); null, with an error when typed but unreadable or required. */
    static LocalDate date(String text, String field, Map<String, String> errors, boolean required) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            if (required) {
                errors.put(field, UiErrors.text("VNEMR-6102", ""));
            }
            return null;
        }
        try {
            return t.contains("-") ? LocalDate.parse(t) : LocalDate.parse(t, SHOWN);
        } catch (DateTimeParseException e) {
            errors.put(field, field.startsWith("bhyt") ? UiErrors.text("VNEMR-6108", t) : UiErrors.text("VNEMR-6102", t));
            return null;
        }
    }

    static String shown(LocalDate day) {
        return day == null ? "" : SHOWN.format(day);
    }
}

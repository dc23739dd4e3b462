package org.vnemr.bhyt.prescription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Đơn thuốc gửi Hệ thống đơn thuốc quốc gia: the {@code gui-don-thuoc} payload (QĐ 808 Phần V as reproduced in
 * NATIONAL-FORMATS §3.3) built from the stored FHIR JSON of one prescription — its MedicationRequests (one per drug
 * line, sharing the national code as {@code groupIdentifier}), the Patient, the visit's diagnoses, the Coverage and
 * the prescriber. Pure: no database, so it is cheap to test field by field.
 *
 * <p>Coding that differs from the insurance XML, on purpose: {@code gioi_tinh} is 1 chưa xác định, 2 nam, 3 nữ
 * here (XML 130 uses 1 nam, 2 nữ, 3 chưa xác định); dates are {@code dd/MM/yyyy} and the prescribing time
 * {@code yyyy-MM-dd HH:mm:ss}.
 */
public final class PrescriptionPayload {

    public static final String CODE_SYSTEM = "https://vnemr.org/fhir/sid/ma-don-thuoc";
    /** xxxxx (facility) + 7 of [0-9a-z] + '-' + type (NATIONAL-FORMATS §3.2). */
    public static final Pattern CODE = Pattern.compile("[0-9A-Za-z]{5}[0-9a-z]{7}-[NHCTnhct]");
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PrescriptionPayload() {
    }

    /** What the payload is built from: stored resources as JSON. */
    public record Sources(List<JsonNode> medicationRequests, JsonNode patient, List<JsonNode> diagnoses,
                          Optional<JsonNode> coverage, Optional<JsonNode> prescriber, Optional<JsonNode> weight,
                          Optional<LocalDate> revisit) {
    }

    public static ObjectNode build(Sources sources) {
        JsonNode first = sources.medicationRequests().get(0);
        String code = first.path("groupIdentifier").path("value").asText();
        JsonNode patient = sources.patient();
        ObjectNode payload = JSON.createObjectNode();
        payload.put("loai_don_thuoc", type(code));
        payload.put("ma_don_thuoc", code);
        payload.put("ho_ten_benh_nhan", name(patient.path("name").path(0)));
        String cccd = identifier(patient, "http://fhir.hl7.org.vn/core/sid/cccd").orElse("");
        // NĐ 102/2025 Đ6: the personal identification number is the health identifier
        payload.put("ma_dinh_danh_y_te", cccd);
        payload.put("ma_dinh_danh_cong_dan", cccd);
        LocalDate birth = birthDate(patient.path("birthDate").asText(""));
        payload.put("ngay_sinh_benh_nhan", birth == null ? "" : DAY.format(birth));
        sources.weight().ifPresent(w -> payload.put("can_nang", w.path("valueQuantity").path("value").asText()));
        payload.put("gioi_tinh", switch (patient.path("gender").asText()) {
            case "male" -> 2;
            case "female" -> 3;
            default -> 1;
        });
        payload.put("ma_so_the_bao_hiem_y_te", sources.coverage()
                .map(c -> c.path("identifier").path(0).path("value").asText("")).orElse(""));
        OffsetDateTime authored = OffsetDateTime.parse(first.path("authoredOn").asText());
        if (birth != null && Period.between(birth, authored.atZoneSameInstant(VIETNAM).toLocalDate()).toTotalMonths()
                < 72) {
            payload.set("thong_tin_nguoi_giam_ho", guardian(patient));
        }
        payload.put("dia_chi", address(patient.path("address").path(0)));
        ArrayNode diagnoses = payload.putArray("chan_doan");
        for (JsonNode condition : sources.diagnoses()) {
            JsonNode coding = condition.path("code").path("coding").path(0);
            diagnoses.addObject().put("ma_chan_doan", coding.path("code").asText())
                    .put("ten_chan_doan", coding.path("display").asText(condition.path("code").path("text").asText()))
                    .put("ket_luan", condition.path("code").path("text").asText(coding.path("display").asText()));
        }
        payload.put("luu_y", first.path("note").path(0).path("text").asText(""));
        // 1 ngoại trú: the national system's treatment form for an outpatient prescription (sources differ on the
        // full list; outpatient is the only form this system sends)
        payload.put("hinh_thuc_dieu_tri", 1);
        LocalDate start = authored.atZoneSameInstant(VIETNAM).toLocalDate();
        long days = 0;
        ArrayNode lines = payload.putArray("thong_tin_don_thuoc");
        for (JsonNode request : sources.medicationRequests()) {
            JsonNode drug = request.path("medicationCodeableConcept");
            JsonNode supply = request.path("dispenseRequest");
            days = Math.max(days, supply.path("expectedSupplyDuration").path("value").asLong(0));
            lines.addObject().put("ma_thuoc", drug.path("coding").path(0).path("code").asText())
                    .put("biet_duoc", drug.path("coding").path(0).path("display").asText(drug.path("text").asText()))
                    .put("ten_thuoc", drug.path("text").asText(drug.path("coding").path(0).path("display").asText()))
                    .put("don_vi_tinh", supply.path("quantity").path("unit").asText(""))
                    .put("so_luong", supply.path("quantity").path("value").asText("0"))
                    .put("cach_dung", request.path("dosageInstruction").path(0).path("text").asText(""));
        }
        payload.putObject("dot_dung_thuoc").put("dot", 1).put("tu_ngay", DAY.format(start))
                .put("den_ngay", DAY.format(start.plusDays(Math.max(0, days - 1)))).put("so_thang_thuoc", 0);
        payload.put("loi_dan", first.path("note").path(1).path("text").asText(""));
        payload.put("so_dien_thoai_nguoi_kham_benh", sources.prescriber().flatMap(p -> telecom(p, "phone")).orElse(""));
        payload.put("ngay_tai_kham", sources.revisit().map(DAY::format).orElse(""));
        payload.put("ngay_gio_ke_don", TIME.format(authored.atZoneSameInstant(VIETNAM)));
        return payload;
    }

    /** A FHIR date of any precision; a year alone counts from 1 January, a month from its first day. */
    static LocalDate birthDate(String text) {
        return switch (text.length()) {
            case 0 -> null;
            case 4 -> LocalDate.of(Integer.parseInt(text), 1, 1);
            case 7 -> LocalDate.parse(text + "-01");
            default -> LocalDate.parse(text.substring(0, 10));
        };
    }

    /** The payload's type letter from the code's last character: N gây nghiện, H hướng thần, T thang, else c. */
    static String type(String code) {
        char last = code.isEmpty() ? 'C' : Character.toUpperCase(code.charAt(code.length() - 1));
        return switch (last) {
            case 'N' -> "n";
            case 'H' -> "h";
            case 'T' -> "y";
            default -> "c";
        };
    }

    private static ObjectNode guardian(JsonNode patient) {
        JsonNode contact = patient.path("contact").path(0);
        return JSON.createObjectNode().put("ho_ten_nguoi_giam_ho", name(contact.path("name")))
                .put("so_dien_thoai", contact.path("telecom").path(0).path("value").asText(""))
                .put("moi_quan_he", contact.path("relationship").path(0).path("text").asText(""));
    }

    static String name(JsonNode name) {
        if (name.hasNonNull("text")) {
            return name.path("text").asText();
        }
        StringBuilder text = new StringBuilder(name.path("family").asText(""));
        for (JsonNode given : name.path("given")) {
            text.append(text.isEmpty() ? "" : " ").append(given.asText());
        }
        return text.toString().strip();
    }

    private static String address(JsonNode address) {
        if (address.hasNonNull("text")) {
            return address.path("text").asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode line : address.path("line")) {
            text.append(line.asText()).append(", ");
        }
        for (String part : new String[] {"city", "district", "state"}) {
            if (address.hasNonNull(part)) {
                text.append(address.path(part).asText()).append(", ");
            }
        }
        return text.length() > 2 ? text.substring(0, text.length() - 2) : "";
    }

    private static Optional<String> identifier(JsonNode resource, String system) {
        for (JsonNode id : resource.path("identifier")) {
            if (system.equals(id.path("system").asText())) {
                return Optional.of(id.path("value").asText());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> telecom(JsonNode resource, String system) {
        for (JsonNode t : resource.path("telecom")) {
            if (system.equals(t.path("system").asText())) {
                return Optional.of(t.path("value").asText());
            }
        }
        return Optional.empty();
    }
}

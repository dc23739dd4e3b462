package org.vnemr.emr.inpatient;

import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.store.WriteRefused;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.emr.web.Requires;
import org.vnemr.platform.access.Permission;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ra viện {@code /noi-tru/{encounterId}/ra-vien}: discharge diagnoses (main and secondary, ICD-10), outcome,
 * discharge type and time, treatment method and summary, advice and follow-up, sick leave; one transaction ends the
 * stay, frees the bed and writes the discharge paper ({@code giay-ra-vien}) with every field of XML7 under its
 * XML7 name. After discharge the page shows the paper's summary and the link to its PDF.
 */
@Controller
public class DischargeController {

    /** A choice of a VN Core code system. */
    public record Option(String code, String label) {
    }

    public static final List<Option> OUTCOMES = List.of(new Option("1", "Khỏi"), new Option("2", "Đỡ"),
            new Option("3", "Không thay đổi"), new Option("4", "Nặng hơn"), new Option("5", "Tử vong tại cơ sở KBCB"));
    public static final List<Option> DISPOSITIONS = List.of(new Option("1", "Ra viện"),
            new Option("2", "Chuyển tuyến/Chuyển cơ sở KBCB theo yêu cầu chuyên môn"), new Option("3", "Trốn viện"),
            new Option("4", "Xin ra viện"));

    /** XML7 field (and our additions) → Vietnamese label, in the order the summary shows them. */
    static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put("MA_LK", "Mã đợt điều trị (MA_LK)");
        LABELS.put("SO_LUU_TRU", "Số lưu trữ");
        LABELS.put("MA_YTE", "Mã y tế");
        LABELS.put("MA_KHOA_RV", "Khoa ra viện");
        LABELS.put("NGAY_VAO", "Ngày vào viện");
        LABELS.put("NGAY_RA", "Ngày ra viện");
        LABELS.put("CHAN_DOAN_RV", "Chẩn đoán ra viện");
        LABELS.put("MA_BENH_CHINH", "Mã bệnh chính");
        LABELS.put("MA_BENH_KT", "Mã bệnh kèm theo");
        LABELS.put("PP_DIEUTRI", "Phương pháp điều trị");
        LABELS.put("TOM_TAT", "Tóm tắt quá trình điều trị");
        LABELS.put("KET_QUA_DTRI", "Kết quả điều trị");
        LABELS.put("MA_LOAI_RV", "Loại ra viện");
        LABELS.put("LOI_DAN", "Lời dặn");
        LABELS.put("HEN_TAI_KHAM", "Hẹn tái khám");
        LABELS.put("GHI_CHU", "Ghi chú");
        LABELS.put("SO_NGAY_NGHI", "Số ngày nghỉ ngoại trú");
        LABELS.put("NGOAITRU_TUNGAY", "Nghỉ từ ngày");
        LABELS.put("NGOAITRU_DENNGAY", "Nghỉ đến ngày");
        LABELS.put("MA_DINH_CHI_THAI", "Đình chỉ thai nghén");
        LABELS.put("NGUYENNHAN_DINHCHI", "Nguyên nhân đình chỉ thai");
        LABELS.put("THOIGIAN_DINHCHI", "Thời gian đình chỉ thai");
        LABELS.put("TUOI_THAI", "Tuổi thai (tuần)");
        LABELS.put("HO_TEN_CHA", "Họ tên cha");
        LABELS.put("MA_CHA", "Mã BHXH của cha");
        LABELS.put("HO_TEN_ME", "Họ tên mẹ");
        LABELS.put("MA_ME", "Mã BHXH của mẹ");
        LABELS.put("MA_THE_TAM", "Mã thẻ BHYT tạm");
        LABELS.put("MA_BS", "Mã bác sĩ");
        LABELS.put("TEN_BS", "Bác sĩ");
        LABELS.put("NGAY_CT", "Ngày chứng từ");
    }

    /** One line of the discharge paper summary. */
    public record Line(String label, String value) {
    }

    static final DateTimeFormatter XML_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
    static final DateTimeFormatter XML_DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final ClinicalStore store;
    private final Stays stays;
    private final Diagnoses diagnoses;
    private final Transfers transfers;

    public DischargeController(ClinicalStore store, Stays stays, Diagnoses diagnoses, Transfers transfers) {
        this.store = store;
        this.stays = stays;
        this.diagnoses = diagnoses;
        this.transfers = transfers;
    }

    @GetMapping("/noi-tru/{encounterId}/ra-vien")
    @Requires(value = Permission.VIEW, patient = "encounterId")
    public String page(@PathVariable String encounterId, CurrentUser user, Model model) {
        Stay stay = StayPages.load(stays, encounterId, user);
        if (!stay.inProgress()) {
            return summary(stay, user, model);
        }
        Map<String, String> form = new HashMap<>();
        form.put("thoiGianRa", LocalDateTime.now(Fhir.ZONE).withSecond(0).withNano(0).toString());
        form.put("ketQua", "2");
        form.put("loaiRaVien", "1");
        fill(model, stay, form, new FormErrors(), user);
        return "inpatient/discharge";
    }

    @PostMapping("/noi-tru/{encounterId}/ra-vien")
    @Requires(value = Permission.EDIT, patient = "encounterId")
    public String discharge(@PathVariable String encounterId, @RequestParam Map<String, String> params,
                            CurrentUser user, Model model, HttpServletResponse response) {
        Stay stay = StayPages.load(stays, encounterId, user);
        Map<String, String> form = new HashMap<>(params);
        form.replaceAll((k, v) -> v == null ? "" : v.trim());
        FormErrors errors = new FormErrors();
        if (!stay.inProgress()) {
            errors.add(FormErrors.FORM, "VNEMR-6335");
        }
        LocalDateTime at = Times.parse(form.get("thoiGianRa"), "thoiGianRa", errors);
        Date admitted = stay.encounter().getPeriod().getStart();
        if (at != null && Fhir.date(at).before(admitted)) {
            errors.add("thoiGianRa", "VNEMR-6327", stay.admitted());
        } else if (at != null && at.isAfter(LocalDateTime.now(Fhir.ZONE).plusMinutes(5))) {
            errors.add("thoiGianRa", "VNEMR-6332");
        }
        LocalDate on = at == null ? LocalDate.now(Fhir.ZONE) : at.toLocalDate();
        String main = Diagnoses.normalise(form.get("chanDoanChinh"));
        if (main.isEmpty()) {
            errors.add("chanDoanChinh", "VNEMR-6326");
        } else {
            diagnoses.check(main, "chanDoanChinh", stay.patient(), on, errors);
        }
        List<String> secondary = new ArrayList<>();
        for (String code : form.getOrDefault("chanDoanKemTheo", "").split("[,;\\s]+")) {
            if (!code.isBlank() && diagnoses.check(code, "chanDoanKemTheo", stay.patient(), on, errors)) {
                secondary.add(Diagnoses.normalise(code));
            }
        }
        Option outcome = OUTCOMES.stream().filter(o -> o.code().equals(form.get("ketQua"))).findFirst().orElse(null);
        if (outcome == null) {
            errors.add("ketQua", "VNEMR-6328");
        }
        Option disposition = DISPOSITIONS.stream().filter(o -> o.code().equals(form.get("loaiRaVien"))).findFirst()
                .orElse(null);
        if (disposition == null) {
            errors.add("loaiRaVien", "VNEMR-6329");
        }
        if (form.getOrDefault("ppDieuTri", "").isEmpty()) {
            errors.add("ppDieuTri", "VNEMR-6309", "Phương pháp điều trị");
        }
        Map<String, String> leave = sickLeave(form, errors);
        Map<String, String> termination = termination(form, errors);
        if (errors.any()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            fill(model, stay, form, errors, user);
            return "inpatient/discharge";
        }
        Date end = Fhir.date(at);
        Encounter encounter = stay.encounter();
        List<Resource> writes = new ArrayList<>();
        String mainText = form.getOrDefault("chanDoanChinhText", "");
        Condition mainCondition = Diagnoses.condition(main, mainText, encounter.getSubject(),
                "Encounter/" + stay.id(), end);
        Diagnoses.link(encounter, mainCondition, "DD", 1);
        writes.add(mainCondition);
        int rank = 2;
        for (String code : secondary) {
            Condition c = Diagnoses.condition(code, null, encounter.getSubject(), "Encounter/" + stay.id(), end);
            Diagnoses.link(encounter, c, "DD", rank++);
            writes.add(c);
        }
        String dischargingDepartment = Fhir.identifier(stay.department().getIdentifier(), Fhir.MA_KHOA);
        transfers.leave(encounter, end, user, writes);
        encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.getPeriod().setEnd(end);
        encounter.getHospitalization().setDischargeDisposition(Fhir.concept(Fhir.DISCHARGE_DISPOSITION,
                disposition.code(), disposition.label()));
        encounter.getExtension().removeIf(e -> Fhir.TREATMENT_OUTCOME_EXT.equals(e.getUrl()));
        encounter.addExtension(Fhir.TREATMENT_OUTCOME_EXT,
                new org.hl7.fhir.r4.model.Coding(Fhir.TREATMENT_OUTCOME, outcome.code(), outcome.label()));
        writes.add(0, encounter);

        String chanDoanRv = main + (mainText.isEmpty() ? "" : " - " + mainText)
                + (secondary.isEmpty() ? "" : "; " + String.join("; ", secondary));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("MA_LK", stay.maLk());
        fields.put("SO_LUU_TRU", form.getOrDefault("soLuuTru", "").isEmpty() ? stay.maLk() : form.get("soLuuTru"));
        fields.put("MA_YTE", stay.mrn());
        fields.put("MA_KHOA_RV", dischargingDepartment);
        fields.put("NGAY_VAO", XML_TIME.format(Fhir.local(admitted)));
        fields.put("NGAY_RA", XML_TIME.format(at));
        fields.put("CHAN_DOAN_RV", chanDoanRv);
        fields.put("MA_BENH_CHINH", main);
        fields.put("MA_BENH_KT", String.join(";", secondary));
        fields.put("PP_DIEUTRI", form.get("ppDieuTri"));
        fields.put("TOM_TAT", form.getOrDefault("tomTat", ""));
        fields.put("KET_QUA_DTRI", outcome.code());
        fields.put("MA_LOAI_RV", disposition.code());
        fields.put("LOI_DAN", form.getOrDefault("loiDan", ""));
        fields.put("HEN_TAI_KHAM", form.getOrDefault("henTaiKham", ""));
        fields.put("GHI_CHU", form.getOrDefault("ghiChu", ""));
        fields.putAll(leave);
        fields.putAll(termination);
        for (String[] pair : new String[][] {{"hoTenCha", "HO_TEN_CHA"}, {"maCha", "MA_CHA"},
                {"hoTenMe", "HO_TEN_ME"}, {"maMe", "MA_ME"}, {"maTheTam", "MA_THE_TAM"}}) {
            fields.put(pair[1], form.getOrDefault(pair[0], ""));
        }
        user.practitionerReference().flatMap(p -> store.readReference(Practitioner.class, p.substring(13)))
                .ifPresent(p -> {
                    fields.put("MA_BS", Fhir.identifier(p.getIdentifier(), Fhir.VN + "/sid/cchn"));
                    fields.put("TEN_BS", Staff.name(store, new Reference("Practitioner/" + p.getIdPart())));
                });
        fields.put("NGAY_CT", XML_DAY.format(at));

        Composition paper = new Composition();
        paper.setId("urn:uuid:" + java.util.UUID.randomUUID());
        Documents.header(paper, Fhir.DOCUMENT_TYPE, "giay-ra-vien", "Giấy ra viện", stay, user, new Date());
        Composition.SectionComponent diagnosis = section("chan-doan-ra-vien", "Chẩn đoán", fields,
                "CHAN_DOAN_RV", "MA_BENH_CHINH", "MA_BENH_KT");
        writes.stream().filter(r -> r instanceof Condition)
                .forEach(r -> diagnosis.addEntry(new Reference(r.getIdElement().getValue())));
        paper.addSection(section("hanh-chinh", "Hành chính", fields, "MA_LK", "SO_LUU_TRU", "MA_YTE", "MA_KHOA_RV",
                "NGAY_VAO", "NGAY_RA", "NGAY_CT", "MA_BS", "TEN_BS"));
        paper.addSection(diagnosis);
        paper.addSection(section("dieu-tri", "Điều trị", fields, "PP_DIEUTRI", "TOM_TAT", "KET_QUA_DTRI",
                "MA_LOAI_RV"));
        paper.addSection(section("loi-dan", "Lời dặn", fields, "LOI_DAN", "HEN_TAI_KHAM", "GHI_CHU"));
        paper.addSection(section("nghi-ngoai-tru", "Nghỉ ngoại trú", fields, "SO_NGAY_NGHI", "NGOAITRU_TUNGAY",
                "NGOAITRU_DENNGAY"));
        paper.addSection(section("dinh-chi-thai", "Đình chỉ thai nghén", fields, "MA_DINH_CHI_THAI",
                "NGUYENNHAN_DINHCHI", "THOIGIAN_DINHCHI", "TUOI_THAI"));
        paper.addSection(section("tre-em", "Thông tin cha mẹ (trẻ dưới 16 tuổi)", fields, "HO_TEN_CHA", "MA_CHA",
                "HO_TEN_ME", "MA_ME", "MA_THE_TAM"));
        writes.add(paper);
        try {
            store.transaction(writes, user);
        } catch (WriteRefused refused) {
            errors.refused(refused, Map.of("Condition", "chanDoanChinh"));
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            fill(model, stay, form, errors, user);
            return "inpatient/discharge";
        }
        return "redirect:/noi-tru/" + stay.id() + "/ra-vien";
    }

    private static Composition.SectionComponent section(String code, String title, Map<String, String> fields,
                                                        String... names) {
        Map<String, String> mine = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        for (String name : names) {
            String v = fields.get(name);
            mine.put(name, v);
            if (v != null && !v.isBlank()) {
                text.append("<p><b>").append(Fhir.escape(LABELS.get(name))).append(":</b> ")
                        .append(Fhir.escape(shown(name, v))).append("</p>");
            }
        }
        Composition.SectionComponent s = Documents.section(code, title, text.toString());
        Fhir.putFields(s, mine);
        return s;
    }

    /** A field as people read it: dates dd/MM/yyyy, codes with their meaning. */
    static String shown(String name, String v) {
        try {
            if (v.matches("\\d{12}")) {
                return Fhir.DAY_TIME.format(LocalDateTime.parse(v, XML_TIME));
            }
            if (v.matches("\\d{8}") && !name.startsWith("MA_") && !name.equals("SO_LUU_TRU")) {
                return Fhir.DAY.format(LocalDate.parse(v, XML_DAY));
            }
        } catch (RuntimeException e) {
            return v;
        }
        if (name.equals("KET_QUA_DTRI")) {
            return OUTCOMES.stream().filter(o -> o.code().equals(v)).map(Option::label).findFirst().orElse(v);
        }
        if (name.equals("MA_LOAI_RV")) {
            return DISPOSITIONS.stream().filter(o -> o.code().equals(v)).map(Option::label).findFirst().orElse(v);
        }
        if (name.equals("MA_DINH_CHI_THAI")) {
            return "1".equals(v) ? "Có" : "Không";
        }
        return v;
    }

    /** SO_NGAY_NGHI, NGOAITRU_TUNGAY, NGOAITRU_DENNGAY: all three or none (XML7 check), days matching the dates. */
    private static Map<String, String> sickLeave(Map<String, String> form, FormErrors errors) {
        String days = form.getOrDefault("soNgayNghi", "");
        String from = form.getOrDefault("nghiTuNgay", "");
        String to = form.getOrDefault("nghiDenNgay", "");
        Map<String, String> out = new LinkedHashMap<>();
        if (days.isEmpty() && from.isEmpty() && to.isEmpty()) {
            return out;
        }
        if (days.isEmpty() || from.isEmpty() || to.isEmpty()) {
            errors.add("soNgayNghi", "VNEMR-6331");
            return out;
        }
        LocalDate f = Times.parseDay(from, "nghiTuNgay", errors);
        LocalDate t = Times.parseDay(to, "nghiDenNgay", errors);
        if (!days.matches("\\d{1,3}") || f == null || t == null || t.isBefore(f)
                || ChronoUnit.DAYS.between(f, t) + 1 != Integer.parseInt(days)) {
            errors.add("soNgayNghi", "VNEMR-6331");
            return out;
        }
        out.put("SO_NGAY_NGHI", days);
        out.put("NGOAITRU_TUNGAY", XML_DAY.format(f));
        out.put("NGOAITRU_DENNGAY", XML_DAY.format(t));
        return out;
    }

    /** MA_DINH_CHI_THAI = 1 needs the cause, the time and a gestational age of 1–42 weeks (XML7). */
    private static Map<String, String> termination(Map<String, String> form, FormErrors errors) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!"1".equals(form.get("dinhChiThai"))) {
            return out;
        }
        out.put("MA_DINH_CHI_THAI", "1");
        if (form.getOrDefault("nguyenNhanDinhChi", "").isEmpty()) {
            errors.add("nguyenNhanDinhChi", "VNEMR-6309", "Nguyên nhân đình chỉ thai");
        }
        LocalDateTime when = Times.parse(form.get("thoiGianDinhChi"), "thoiGianDinhChi", errors);
        String weeks = form.getOrDefault("tuoiThai", "");
        if (!weeks.matches("\\d{1,2}") || Integer.parseInt(weeks) < 1 || Integer.parseInt(weeks) > 42) {
            errors.add("tuoiThai", "VNEMR-6320", "Tuổi thai", "1", "42", "tuần");
        }
        out.put("NGUYENNHAN_DINHCHI", form.getOrDefault("nguyenNhanDinhChi", ""));
        out.put("THOIGIAN_DINHCHI", when == null ? "" : XML_TIME.format(when));
        out.put("TUOI_THAI", weeks);
        return out;
    }

    private String summary(Stay stay, CurrentUser user, Model model) {
        Optional<Composition> paper = store.search(Composition.class, Map.of(
                "encounter", List.of("Encounter/" + stay.id()),
                "type", List.of(Fhir.DOCUMENT_TYPE + "|giay-ra-vien")), user).stream().findFirst();
        Map<String, String> values = new HashMap<>();
        paper.ifPresent(c -> Fhir.readFields(c.getSection(), values));
        List<Line> lines = new ArrayList<>();
        LABELS.forEach((name, label) -> {
            String v = values.get(name);
            if (v != null && !v.isBlank()) {
                lines.add(new Line(label, shown(name, v)));
            }
        });
        model.addAttribute("stay", stay);
        model.addAttribute("lines", lines);
        model.addAttribute("paperId", paper.map(Composition::getIdPart).orElse(null));
        model.addAttribute("tab", "ra-vien");
        return "inpatient/discharged";
    }

    private void fill(Model model, Stay stay, Map<String, String> form, FormErrors errors, CurrentUser user) {
        model.addAttribute("stay", stay);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors.map());
        model.addAttribute("outcomes", OUTCOMES);
        model.addAttribute("dispositions", DISPOSITIONS);
        model.addAttribute("admissionDiagnosis", stay.encounter().getDiagnosis().stream()
                .filter(d -> "AD".equals(d.getUse().getCodingFirstRep().getCode())).findFirst()
                .flatMap(d -> store.read(Condition.class, d.getCondition().getReferenceElement().getIdPart(), user))
                .map(c -> c.getCode().getCodingFirstRep().getCode() + (c.getCode().hasText()
                        ? " - " + c.getCode().getText() : "")).orElse(""));
        model.addAttribute("tab", "ra-vien");
    }
}

package org.vnemr.emr.printing;

import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Giấy chuyển tuyến / chuyển cơ sở KBCB (A4), mẫu số 06, with the fields of XML13: the receiving facility and
 * the reason come from the referral ServiceRequest (category 3457005) whose supportingInfo is this paper; the
 * clinical summary from the paper's sections; the visit lines from its Encounter.
 */
final class ReferralPaper {

    static final String TYPE = "giay-chuyen-tuyen";
    static final String REFERRAL = "3457005";
    /** The sections of the form, in its order (codes in V/CodeSystem/document-section). */
    static final Map<String, String> FORM = Sections.of(
            "dau-hieu-lam-sang", "Dấu hiệu lâm sàng",
            "qua-trinh-benh-ly", "Quá trình bệnh lý và diễn biến lâm sàng",
            "tom-tat-ket-qua-cls", "Kết quả xét nghiệm, cận lâm sàng",
            "phuong-phap-dieu-tri", "Phương pháp, thủ thuật, kỹ thuật, thuốc đã sử dụng trong điều trị",
            "tinh-trang-chuyen-tuyen", "Tình trạng người bệnh lúc chuyển tuyến",
            "huong-dieu-tri", "Hướng điều trị",
            "phuong-tien-van-chuyen", "Phương tiện vận chuyển",
            "nguoi-ho-tong", "Họ tên, chức danh, trình độ chuyên môn của người hộ tống");
    private static final Map<String, String> REASONS = Map.of(
            "1", "Đủ điều kiện chuyển tuyến (phù hợp với quy định chuyển tuyến)",
            "2", "Theo yêu cầu của người bệnh hoặc người đại diện hợp pháp của người bệnh");

    private ReferralPaper() {
    }

    static Optional<Paper.Printed> print(String compositionId, Paper.Request request) {
        PrintRecords records = request.records();
        Optional<Composition> found = records.read(Composition.class, compositionId)
                .filter(c -> TYPE.equals(PrintRecords.typeCode(c)));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Composition composition = found.get();
        String patientId = PrintRecords.idOf(composition.getSubject(), "Patient");
        Patient patient = records.read(Patient.class, patientId).orElseGet(Patient::new);
        Coverage coverage = patientId == null ? null : records.coverage(patientId).orElse(null);
        Encounter encounter = records.resolve(Encounter.class, composition.getEncounter()).orElse(null);
        ServiceRequest referral = referral(composition, encounter, records).orElse(null);
        Organization receiving = referral == null ? null
                : referral.getPerformer().stream().map(records::organization).flatMap(Optional::stream)
                .findFirst().orElse(null);
        Organization facility = records.facility();
        String number = composition.hasIdentifier() ? composition.getIdentifier().getValue() : null;

        try (PaperCanvas canvas = new PaperCanvas(PaperCanvas.Size.A4, "Giấy chuyển tuyến")) {
            Paper.header(canvas, facility, "Mẫu số 06",
                    List.of("Số: " + PaperCanvas.orDots(number) + "/GCT"));
            canvas.title("Giấy chuyển tuyến khám bệnh, chữa bệnh");
            canvas.centered("bảo hiểm y tế / chuyển cơ sở khám bệnh, chữa bệnh", true, canvas.base());
            canvas.space(canvas.base() * 0.5f);
            String to = receiving == null ? null : receiving.getName() + code(receiving);
            canvas.paragraph(List.of(PaperCanvas.Span.plain("Kính gửi: "),
                    PaperCanvas.Span.strong(PaperCanvas.orDots(to))));
            canvas.paragraph(List.of(PaperCanvas.Span.plain("Cơ sở khám bệnh, chữa bệnh "),
                    PaperCanvas.Span.strong(PaperCanvas.blankIfNull(facility.getName())),
                    PaperCanvas.Span.plain(" trân trọng giới thiệu người bệnh:")));
            Paper.patient(canvas, patient, coverage, request.now());
            if (encounter != null) {
                VisitFacts.print(canvas, encounter, records, "DD");
            }
            canvas.heading("TÓM TẮT BỆNH ÁN");
            Sections.named(canvas, composition, FORM);
            canvas.field("Lý do chuyển tuyến", reason(referral));
            canvas.field("Chuyển tuyến hồi", PaperText.dateTime(composition.getDate()));
            Sections.others(canvas, composition, FORM.keySet());
            canvas.signatures(PaperText.dateLine(composition.getDate()), List.of(
                    new PaperCanvas.Signer("Y, bác sĩ khám, điều trị", "(Ký, ghi rõ họ tên)",
                            records.practitionerName(composition.getAuthorFirstRep())),
                    new PaperCanvas.Signer("Người có thẩm quyền chuyển tuyến", "(Ký tên, đóng dấu)", null)));
            return Optional.of(Paper.finish(canvas, request, compositionId, TYPE + "-" + compositionId + ".pdf",
                    patientId, "Composition/" + compositionId));
        }
    }

    /** The referral order of this paper: an entry of the paper, else the visit's referral that cites it. */
    private static Optional<ServiceRequest> referral(Composition composition, Encounter encounter,
                                                     PrintRecords records) {
        for (Composition.SectionComponent section : composition.getSection()) {
            for (Reference entry : section.getEntry()) {
                Optional<ServiceRequest> sr = records.resolve(ServiceRequest.class, entry);
                if (sr.isPresent()) {
                    return sr;
                }
            }
        }
        if (encounter == null) {
            return Optional.empty();
        }
        List<ServiceRequest> candidates = new ArrayList<>(records.search(ServiceRequest.class,
                Map.of("encounter", List.of("Encounter/" + encounter.getIdPart()))));
        candidates.removeIf(sr -> sr.getCategory().stream().flatMap(c -> c.getCoding().stream())
                .noneMatch(c -> REFERRAL.equals(c.getCode())));
        return candidates.stream().filter(sr -> sr.getSupportingInfo().stream()
                        .anyMatch(r -> ("Composition/" + composition.getIdPart()).equals(r.getReference())))
                .findFirst().or(() -> candidates.stream().findFirst());
    }

    private static String code(Organization organization) {
        String code = PrintRecords.identifier(organization.getIdentifier(), PrintRecords.MA_CSKCB);
        return code == null ? "" : " (mã " + code + ")";
    }

    /** MA_LYDO_CT 1/2 named as on the form; any other reason printed as written. */
    private static String reason(ServiceRequest referral) {
        if (referral == null || !referral.hasReasonCode()) {
            return null;
        }
        var concept = referral.getReasonCodeFirstRep();
        String code = concept.getCodingFirstRep().getCode();
        if (code != null && REASONS.containsKey(code)) {
            return code + ". " + REASONS.get(code);
        }
        return PrintRecords.display(concept);
    }
}

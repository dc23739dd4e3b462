package org.vnemr.emr.printing;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tóm tắt hồ sơ bệnh án (A4) with the fields of XML8, built from the Encounter: admission and discharge
 * diagnoses, treatment outcome, and — from the visit's {@code tom-tat-ho-so} Composition when the doctor wrote
 * one — the course of illness, results summary, treatment method and notes. Without such a Composition the
 * results summary is assembled from the visit's reports and laboratory observations.
 */
final class RecordSummaryPaper {

    static final String TYPE = "tom-tat-ho-so";
    static final Map<String, String> FORM = Sections.of(
            "qua-trinh-benh-ly", "Quá trình bệnh lý và diễn biến lâm sàng",
            "tom-tat-ket-qua-cls", "Tóm tắt kết quả xét nghiệm cận lâm sàng có giá trị chẩn đoán",
            "phuong-phap-dieu-tri", "Phương pháp điều trị",
            "loi-dan", "Ghi chú");
    private static final Map<String, String> OUTCOMES = Map.of("1", "Khỏi", "2", "Đỡ", "3", "Không thay đổi",
            "4", "Nặng hơn", "5", "Tử vong", "6", "Tiên lượng nặng xin về", "7", "Chưa xác định");

    private RecordSummaryPaper() {
    }

    static Optional<Paper.Printed> print(String encounterId, Paper.Request request) {
        PrintRecords records = request.records();
        Optional<Encounter> found = records.read(Encounter.class, encounterId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Encounter encounter = found.get();
        String patientId = PrintRecords.idOf(encounter.getSubject(), "Patient");
        Patient patient = records.read(Patient.class, patientId).orElseGet(Patient::new);
        Coverage coverage = patientId == null ? null : records.coverage(patientId).orElse(null);
        Composition summary = records.search(Composition.class, Map.of(
                        "encounter", List.of("Encounter/" + encounterId),
                        "type", List.of(PrintRecords.DOCUMENT_TYPE + "|" + TYPE))).stream()
                .filter(c -> c.getStatus() != Composition.CompositionStatus.ENTEREDINERROR)
                .max(Comparator.comparing(c -> c.getDate() == null ? new java.util.Date(0) : c.getDate()))
                .orElse(new Composition());

        try (PaperCanvas canvas = new PaperCanvas(PaperCanvas.Size.A4, "Tóm tắt hồ sơ bệnh án")) {
            List<String> extra = new ArrayList<>();
            records.organization(encounter.getServiceProvider()).ifPresent(d -> extra.add(d.getName()));
            Paper.header(canvas, records.facility(), null, extra);
            canvas.title("Tóm tắt hồ sơ bệnh án");
            Paper.patient(canvas, patient, coverage, request.now());
            DischargePaper.parents(canvas, patient);
            canvas.field("Hình thức điều trị", VisitSlipPaper.visitType(encounter));
            canvas.field("Chẩn đoán vào viện",
                    PrintRecords.diagnosisText(records.diagnoses(encounter, "AD")));
            VisitFacts.print(canvas, encounter, records, "DD");
            String results = PaperText.section(summary, "tom-tat-ket-qua-cls");
            canvas.field(FORM.get("qua-trinh-benh-ly"), PaperText.section(summary, "qua-trinh-benh-ly"));
            canvas.field(FORM.get("tom-tat-ket-qua-cls"), results != null ? results : results(encounterId, records));
            canvas.field(FORM.get("phuong-phap-dieu-tri"), PaperText.section(summary, "phuong-phap-dieu-tri"));
            canvas.field("Kết quả điều trị", outcome(encounter));
            canvas.field(FORM.get("loi-dan"), PaperText.section(summary, "loi-dan"));
            Sections.others(canvas, summary, FORM.keySet());
            java.util.Date date = summary.hasDate() ? summary.getDate() : java.util.Date.from(request.now());
            canvas.signatures(PaperText.dateLine(date), List.of(
                    new PaperCanvas.Signer("Trưởng khoa", "(Ký, ghi rõ họ tên)",
                            summary.hasAuthor() ? records.practitionerName(summary.getAuthorFirstRep()) : null),
                    new PaperCanvas.Signer("Thủ trưởng đơn vị", "(Ký tên, đóng dấu)", null)));
            // a written summary can be signed and checked; without one the paper is identified by the visit
            String documentId = summary.hasId() ? summary.getIdPart() : "Encounter-" + encounterId;
            return Optional.of(Paper.finish(canvas, request, documentId, TYPE + "-" + encounterId + ".pdf",
                    patientId, "Encounter/" + encounterId));
        }
    }

    private static String outcome(Encounter encounter) {
        Extension e = encounter.getExtensionByUrl(PrintRecords.TREATMENT_OUTCOME);
        if (e == null || !(e.getValue() instanceof Coding c)) {
            return null;
        }
        return c.getCode() + ". " + (c.hasDisplay() ? c.getDisplay() : OUTCOMES.getOrDefault(c.getCode(), ""));
    }

    /** Imaging conclusions and laboratory values of the visit, one line each. */
    private static String results(String encounterId, PrintRecords records) {
        List<String> lines = new ArrayList<>();
        Map<String, List<String>> byVisit = Map.of("encounter", List.of("Encounter/" + encounterId));
        for (DiagnosticReport report : records.search(DiagnosticReport.class, byVisit)) {
            if (report.hasConclusion()) {
                lines.add(PrintRecords.display(report.getCode()) + ": " + report.getConclusion());
            }
        }
        for (Observation o : records.search(Observation.class, byVisit)) {
            boolean vital = o.getCategory().stream().flatMap(c -> c.getCoding().stream())
                    .anyMatch(c -> "vital-signs".equals(c.getCode()));
            if (vital) {
                continue;
            }
            String value = o.getValue() instanceof Quantity q && q.hasValue()
                    ? q.getValue().stripTrailingZeros().toPlainString() + " " + (q.hasUnit() ? q.getUnit() : "")
                    : o.hasValueStringType() ? o.getValueStringType().getValue() : null;
            if (value != null) {
                lines.add(PrintRecords.display(o.getCode()) + ": " + value.strip());
            }
        }
        return lines.isEmpty() ? null : String.join("; ", lines);
    }
}

package org.vnemr.emr.printing;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Đơn thuốc (A5) in the layout of TT 26/2025: the prescription code, who the patient is, the diagnosis with ICD
 * codes, numbered drug lines (name and strength, quantity — below ten written with a leading zero — and how to
 * take it), the advice, the re-visit date and the prescriber's signature block.
 */
final class PrescriptionPaper {

    static final String TYPE = "don-thuoc";
    static final String MA_DON_THUOC = PrintRecords.V + "/sid/ma-don-thuoc";

    private PrescriptionPaper() {
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
        List<MedicationRequest> lines = drugLines(composition, encounter, records);
        List<PrintRecords.Diagnosis> diagnoses = diagnoses(composition, encounter, records);
        String code = lines.stream().map(MedicationRequest::getGroupIdentifier)
                .filter(i -> MA_DON_THUOC.equals(i.getSystem())).map(i -> i.getValue()).findFirst().orElse(null);
        Reference prescriber = composition.hasAuthor() ? composition.getAuthorFirstRep()
                : lines.isEmpty() ? null : lines.get(0).getRequester();

        try (PaperCanvas canvas = new PaperCanvas(PaperCanvas.Size.A5, "Đơn thuốc")) {
            Paper.header(canvas, records.facility(), null, List.of());
            canvas.title(title(lines));
            canvas.centered("Mã đơn thuốc: " + PaperCanvas.orDots(code), true, canvas.base());
            canvas.space(canvas.base() * 0.5f);
            Paper.patient(canvas, patient, coverage, request.now());
            canvas.field("Chẩn đoán", PrintRecords.diagnosisText(diagnoses));
            canvas.heading("Thuốc điều trị:");
            List<String[]> rows = new ArrayList<>();
            int n = 1;
            for (MedicationRequest line : lines) {
                rows.add(new String[]{String.valueOf(n++), drugName(line), quantity(line), sig(line)});
            }
            canvas.table(new String[]{"STT", "Tên thuốc, hàm lượng", "Số lượng", "Cách dùng"},
                    new float[]{0.08f, 0.40f, 0.17f, 0.35f}, rows);
            canvas.field("Lời dặn", PaperText.section(composition, "loi-dan"));
            canvas.field("Hẹn tái khám", revisit(composition, encounter, patientId, records));
            canvas.signatures(PaperText.dateLine(composition.getDate()),
                    List.of(new PaperCanvas.Signer("Bác sĩ khám bệnh", "(Ký, ghi rõ họ tên)",
                            records.practitionerName(prescriber))));
            return Optional.of(Paper.finish(canvas, request, compositionId, TYPE + "-" + compositionId + ".pdf",
                    patientId, "Composition/" + compositionId));
        }
    }

    /** TT 26 prints narcotic and psychotropic prescriptions under their own titles. */
    private static String title(List<MedicationRequest> lines) {
        boolean narcotic = lines.stream().anyMatch(l -> "gay-nghien".equals(l.getCourseOfTherapyType().getText()));
        boolean psychotropic = lines.stream().anyMatch(l -> "huong-than".equals(l.getCourseOfTherapyType().getText()));
        return narcotic ? "Đơn thuốc \"N\"" : psychotropic ? "Đơn thuốc \"H\"" : "Đơn thuốc";
    }

    /** The drug lines the Composition's entries point to; if it has none, the visit's prescription lines. */
    static List<MedicationRequest> drugLines(Composition composition, Encounter encounter, PrintRecords records) {
        List<MedicationRequest> lines = new ArrayList<>();
        for (Composition.SectionComponent section : composition.getSection()) {
            for (Reference entry : section.getEntry()) {
                records.resolve(MedicationRequest.class, entry).ifPresent(lines::add);
            }
        }
        if (lines.isEmpty() && encounter != null) {
            lines.addAll(records.search(MedicationRequest.class,
                    Map.of("encounter", List.of("Encounter/" + encounter.getIdPart()))));
        }
        return lines;
    }

    private static List<PrintRecords.Diagnosis> diagnoses(Composition composition, Encounter encounter,
                                                          PrintRecords records) {
        List<PrintRecords.Diagnosis> result = new ArrayList<>();
        for (Composition.SectionComponent section : composition.getSection()) {
            for (Reference entry : section.getEntry()) {
                records.resolve(Condition.class, entry).ifPresent(c -> result.add(
                        PrintRecords.Diagnosis.of(c, result.size() + 1)));
            }
        }
        if (result.isEmpty() && encounter != null) {
            result.addAll(records.diagnosesPreferring(encounter, "billing"));
        }
        return result;
    }

    static String drugName(MedicationRequest line) {
        var concept = line.getMedicationCodeableConcept();
        String name = concept.getCodingFirstRep().hasDisplay() ? concept.getCodingFirstRep().getDisplay()
                : concept.getText();
        return name == null ? "" : name;
    }

    /** "05 Viên": below ten with a leading zero, as TT 26 asks, so that a digit cannot be added in front. */
    static String quantity(MedicationRequest line) {
        Quantity q = line.getDispenseRequest().getQuantity();
        if (q == null || !q.hasValue()) {
            return "";
        }
        BigDecimal value = q.getValue().stripTrailingZeros();
        String number = value.scale() <= 0 && value.compareTo(BigDecimal.TEN) < 0 && value.signum() >= 0
                ? "0" + value.toPlainString() : value.toPlainString();
        String unit = q.hasUnit() ? q.getUnit() : q.hasCode() ? q.getCode() : "";
        return (number + " " + unit).strip();
    }

    /** The written sig; when the line has none, "Ngày uống … lần, mỗi lần …" built from the structured dose. */
    static String sig(MedicationRequest line) {
        if (!line.hasDosageInstruction()) {
            return "";
        }
        Dosage dosage = line.getDosageInstructionFirstRep();
        if (dosage.hasText()) {
            return dosage.getText();
        }
        StringBuilder s = new StringBuilder();
        var repeat = dosage.getTiming().getRepeat();
        if (repeat.hasFrequency()) {
            s.append("Ngày uống ").append(repeat.getFrequency()).append(" lần");
        }
        if (dosage.hasDoseAndRate() && dosage.getDoseAndRateFirstRep().hasDoseQuantity()) {
            Quantity dose = dosage.getDoseAndRateFirstRep().getDoseQuantity();
            s.append(s.isEmpty() ? "Mỗi lần " : ", mỗi lần ")
                    .append(dose.getValue().stripTrailingZeros().toPlainString()).append(' ')
                    .append(dose.hasUnit() ? dose.getUnit() : "");
        }
        return s.toString().strip();
    }

    /**
     * The re-visit date: the Appointment a section entry points to, else the patient's re-visit appointment made
     * from this visit (extension source-encounter).
     */
    static String revisit(Composition composition, Encounter encounter, String patientId, PrintRecords records) {
        for (Composition.SectionComponent section : composition.getSection()) {
            for (Reference entry : section.getEntry()) {
                Optional<Appointment> a = records.resolve(Appointment.class, entry);
                if (a.isPresent()) {
                    return PaperText.date(a.get().getStart());
                }
            }
        }
        if (encounter == null || patientId == null) {
            return null;
        }
        Date start = records.search(Appointment.class, Map.of("patient", List.of("Patient/" + patientId))).stream()
                .filter(a -> a.getExtensionByUrl(PrintRecords.SOURCE_ENCOUNTER) != null
                        && a.getExtensionByUrl(PrintRecords.SOURCE_ENCOUNTER).getValue() instanceof Reference r
                        && ("Encounter/" + encounter.getIdPart()).equals(r.getReference()))
                .map(Appointment::getStart).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        return PaperText.date(start);
    }
}

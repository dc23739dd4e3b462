package org.vnemr.emr.printing;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Giấy hẹn khám lại (A5), with the fields of XML14: the visit it follows (MA_LK, admission and discharge times,
 * diagnosis with its codes, visit category), the re-visit date printed large, the doctor and the head of the
 * facility's signature blocks.
 */
final class AppointmentPaper {

    static final String TYPE = "giay-hen-kham-lai";

    private AppointmentPaper() {
    }

    static Optional<Paper.Printed> print(String appointmentId, Paper.Request request) {
        PrintRecords records = request.records();
        Optional<Appointment> found = records.read(Appointment.class, appointmentId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Appointment appointment = found.get();
        String patientId = PrintRecords.idOf(PrintRecords.appointmentActor(appointment, "Patient"), "Patient");
        Patient patient = records.read(Patient.class, patientId).orElseGet(Patient::new);
        Coverage coverage = patientId == null ? null : records.coverage(patientId).orElse(null);
        Extension source = appointment.getExtensionByUrl(PrintRecords.SOURCE_ENCOUNTER);
        Encounter encounter = source != null && source.getValue() instanceof Reference r
                ? records.resolve(Encounter.class, r).orElse(null) : null;
        Reference doctor = PrintRecords.appointmentActor(appointment, "Practitioner");
        String number = appointment.hasIdentifier() ? appointment.getIdentifierFirstRep().getValue() : appointmentId;

        try (PaperCanvas canvas = new PaperCanvas(PaperCanvas.Size.A5, "Giấy hẹn khám lại")) {
            Paper.header(canvas, records.facility(), "Mẫu số 05", List.of("Số: " + number));
            canvas.title("Giấy hẹn khám lại");
            Paper.patient(canvas, patient, coverage, request.now());
            if (encounter != null) {
                VisitFacts.print(canvas, encounter, records, "DD");
            } else {
                canvas.field("Chẩn đoán", null);
            }
            canvas.space(canvas.base() * 0.3f);
            canvas.paragraph(List.of(PaperCanvas.Span.plain("Hẹn khám lại vào ngày: "),
                    PaperCanvas.Span.strong(PaperCanvas.orDots(startText(appointment.getStart())))),
                    canvas.base() + 2);
            canvas.field("Lời dặn", appointment.getDescription());
            canvas.paragraph(List.of(PaperCanvas.Span.plain(
                    "Giấy hẹn khám lại chỉ có giá trị sử dụng 01 (một) lần trong thời hạn 10 ngày làm việc, "
                            + "kể từ ngày được hẹn khám lại.")), canvas.base() - 1);
            Date issued = appointment.hasCreated() ? appointment.getCreated() : Date.from(request.now());
            canvas.signatures(PaperText.dateLine(issued), List.of(
                    new PaperCanvas.Signer("Bác sĩ khám bệnh", "(Ký, ghi rõ họ tên)",
                            records.practitionerName(doctor)),
                    new PaperCanvas.Signer("Thủ trưởng đơn vị", "(Ký tên, đóng dấu)", null)));
            return Optional.of(Paper.finish(canvas, request, "Appointment-" + appointmentId,
                    TYPE + "-" + appointmentId + ".pdf", patientId, "Appointment/" + appointmentId));
        }
    }

    private static String startText(Date start) {
        return start == null ? null : PaperText.date(start);
    }
}

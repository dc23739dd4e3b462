package org.vnemr.emr.printing;

import org.hl7.fhir.r4.model.Encounter;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The visit lines the insurance papers share (XML7, XML8, XML13, XML14): the link code MA_LK, the visit category,
 * admission and discharge times, and the diagnosis with the main, secondary and traditional-medicine codes.
 */
final class VisitFacts {

    private VisitFacts() {
    }

    /** Prints the visit's lines; {@code use} picks the diagnoses ({@code AD} admission, {@code DD} discharge). */
    static List<PrintRecords.Diagnosis> print(PaperCanvas canvas, Encounter encounter, PrintRecords records,
                                              String use) {
        canvas.field("Mã liên kết (MA_LK)", PrintRecords.identifier(encounter.getIdentifier(), PrintRecords.MA_LK));
        canvas.field("Đối tượng KCB", PrintRecords.extensionCode(encounter, PrintRecords.INSURANCE_VISIT_TYPE));
        boolean inpatient = "IMP".equals(encounter.getClass_().getCode());
        canvas.field(inpatient ? "Vào viện lúc" : "Đến khám lúc", PaperText.dateTime(encounter.getPeriod().getStart()));
        canvas.field(inpatient ? "Ra viện lúc" : "Kết thúc khám lúc", PaperText.dateTime(encounter.getPeriod().getEnd()));
        List<PrintRecords.Diagnosis> diagnoses = records.diagnosesPreferring(encounter, use);
        canvas.field("Chẩn đoán", PrintRecords.diagnosisText(diagnoses));
        codes(canvas, diagnoses);
        return diagnoses;
    }

    /** "Mã bệnh chính: J18.9 · Mã bệnh kèm theo: I10; E11.9 · Mã bệnh YHCT: …" on one line. */
    static void codes(PaperCanvas canvas, List<PrintRecords.Diagnosis> diagnoses) {
        String main = diagnoses.isEmpty() ? null : diagnoses.get(0).code();
        String secondary = diagnoses.stream().skip(1).map(PrintRecords.Diagnosis::code)
                .filter(java.util.Objects::nonNull).collect(Collectors.joining("; "));
        String yhct = diagnoses.stream().map(PrintRecords.Diagnosis::yhct).filter(java.util.Objects::nonNull)
                .collect(Collectors.joining("; "));
        canvas.fieldRow("Mã bệnh chính", main, "Mã bệnh kèm theo", secondary.isEmpty() ? "không" : secondary);
        if (!yhct.isEmpty()) {
            canvas.field("Mã bệnh YHCT", yhct);
        }
    }
}

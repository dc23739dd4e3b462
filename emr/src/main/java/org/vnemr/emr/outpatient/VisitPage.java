package org.vnemr.emr.outpatient;

import org.vnemr.emr.patient.PatientBanner;

import java.util.List;
import java.util.Map;

/**
 * What the visit screen shows, read once per answer: the banner, the stored facts of each section and the values
 * the section forms start from (the stored ones, or what was just typed when a save was refused).
 */
public record VisitPage(String encounterId, String patientId, String status, boolean finished, PatientBanner banner,
                 String room, String queueNumber, String startedAt, List<VitalRow> vitals,
                 Map<String, String> examination, boolean examinationFinal, List<DiagnosisRow> diagnoses,
                 List<OrderRow> orders, List<ResultRow> results, List<PaperLink> papers, String outcome,
                 boolean hasMainDiagnosis) {

    /** One measured vital sign: label, value with unit, when, and a warning when outside the usual range. */
    public record VitalRow(String key, String label, String value, String when, String warning) {
    }

    public record DiagnosisRow(int rank, String code, String display, String yhct, String text) {
        public boolean main() {
            return rank == 1;
        }
    }

    public record OrderRow(String id, String requisition, String code, String name, String category, String quantity,
                    String status, String authoredOn) {
    }

    /** One result line: the ordered service, value, unit, reference range, flag H/L, or an imaging conclusion. */
    public record ResultRow(String service, String value, String unit, String range, String flag, String conclusion,
                     String when) {
    }

    /** One input of the vital-signs form: field name (= element id), label, unit. */
    public record VitalField(String field, String label, String unit) {
    }

    /** The inputs of the vital-signs form, in the order nurses measure. */
    public List<VitalField> vitalFields() {
        return java.util.Arrays.stream(VitalSign.values()).filter(s -> s != VitalSign.BMI)
                .map(s -> new VitalField(s.field(), s.label(), s.unitShown())).toList();
    }

    /** A printable paper of the visit: order slip, re-visit slip, referral paper. */
    public record PaperLink(String label, String href) {
    }
}

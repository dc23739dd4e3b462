package org.vnemr.emr.printing;

import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Phiếu khám bệnh (A5), handed over at registration: the queue number large enough to read across the waiting
 * room, the clinic room, who the patient is, the insurance card and the visit's link code (MA_LK).
 */
final class VisitSlipPaper {

    static final String TYPE = "phieu-kham-benh-tiep-don";

    private VisitSlipPaper() {
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
        Organization facility = records.facility();
        String department = records.organization(encounter.getServiceProvider()).map(Organization::getName)
                .orElse(null);
        String room = encounter.getLocation().stream().map(Encounter.EncounterLocationComponent::getLocation)
                .map(records::location).flatMap(Optional::stream).findFirst()
                .map(l -> l.getName()).orElse(null);

        try (PaperCanvas canvas = new PaperCanvas(PaperCanvas.Size.A5, "Phiếu khám bệnh")) {
            List<String> extra = new ArrayList<>();
            if (department != null) {
                extra.add(department);
            }
            Paper.header(canvas, facility, null, extra);
            canvas.title("Phiếu khám bệnh");
            canvas.centered("Số thứ tự", false, canvas.base());
            canvas.big(orDash(queueNumber(encounter)), 40);
            canvas.centered("Phòng khám: " + PaperCanvas.orDots(room), true, canvas.base() + 2);
            canvas.space(canvas.base());
            Paper.patient(canvas, patient, coverage, request.now());
            canvas.field("Loại khám", visitType(encounter));
            canvas.field("Đối tượng KCB", PrintRecords.extensionCode(encounter, PrintRecords.INSURANCE_VISIT_TYPE));
            canvas.field("Lý do khám", encounter.getReasonCodeFirstRep().getText());
            canvas.field("Mã liên kết (MA_LK)",
                    PrintRecords.identifier(encounter.getIdentifier(), PrintRecords.MA_LK));
            canvas.field("Thời gian tiếp đón", PaperText.dateTime(encounter.getPeriod().getStart()));
            canvas.signatures(PaperText.dateLine(encounter.getPeriod().getStart()),
                    List.of(new PaperCanvas.Signer("Người tiếp đón", "(Ký, ghi rõ họ tên)",
                            clerk(encounter, records))));
            return Optional.of(Paper.finish(canvas, request, "Encounter-" + encounterId,
                    TYPE + "-" + encounterId + ".pdf", patientId, "Encounter/" + encounterId));
        }
    }

    /** The last part of {@code <room>-<yyyyMMdd>-<n>}: the number the patient is called by. */
    static String queueNumber(Encounter encounter) {
        String value = PrintRecords.identifier(encounter.getIdentifier(), PrintRecords.SO_THU_TU);
        if (value == null) {
            return null;
        }
        int dash = value.lastIndexOf('-');
        return dash >= 0 ? value.substring(dash + 1) : value;
    }

    static String visitType(Encounter encounter) {
        if (!encounter.hasType()) {
            return null;
        }
        var c = encounter.getTypeFirstRep().getCodingFirstRep();
        String text = encounter.getTypeFirstRep().hasText() ? encounter.getTypeFirstRep().getText() : c.getDisplay();
        return c.hasCode() ? c.getCode() + (text == null ? "" : " - " + text) : text;
    }

    /**
     * The registration clerk: the participant of type ADM (admitter) when the visit records one, else the person
     * printing the slip — at registration they are the same person.
     */
    private static String clerk(Encounter encounter, PrintRecords records) {
        for (Encounter.EncounterParticipantComponent p : encounter.getParticipant()) {
            boolean admitter = p.getType().stream().flatMap(t -> t.getCoding().stream())
                    .anyMatch(c -> "ADM".equals(c.getCode()));
            if (admitter) {
                String name = records.practitionerName(p.getIndividual());
                if (name != null) {
                    return name;
                }
            }
        }
        return records.user() == null ? null : records.user().displayName();
    }

    private static String orDash(String s) {
        return s == null ? "—" : s;
    }

}

package org.vnemr.emr.printing;

import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Any other record form (tờ điều trị, bệnh án, phiếu khám…) on A4: its title, the patient and the visit, then
 * each section's narrative under the section's title, and the author's signature block. The narrative is what the
 * doctor saw and signed, so it is printed as written.
 */
final class CompositionPaper {

    private CompositionPaper() {
    }

    static Optional<Paper.Printed> print(String typeCode, String compositionId, Paper.Request request) {
        PrintRecords records = request.records();
        Optional<Composition> found = records.read(Composition.class, compositionId)
                .filter(c -> typeCode.equals(PrintRecords.typeCode(c)));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Composition composition = found.get();
        String patientId = PrintRecords.idOf(composition.getSubject(), "Patient");
        Patient patient = records.read(Patient.class, patientId).orElseGet(Patient::new);
        Coverage coverage = patientId == null ? null : records.coverage(patientId).orElse(null);
        Encounter encounter = records.resolve(Encounter.class, composition.getEncounter()).orElse(null);
        String title = composition.hasTitle() ? composition.getTitle()
                : PrintRecords.display(composition.getType());

        try (PaperCanvas canvas = new PaperCanvas(PaperCanvas.Size.A4, title)) {
            List<String> extra = new ArrayList<>();
            if (encounter != null) {
                records.organization(encounter.getServiceProvider()).ifPresent(d -> extra.add(d.getName()));
            }
            Paper.header(canvas, records.facility(), null, extra);
            canvas.title(PaperCanvas.blankIfNull(title));
            Paper.patient(canvas, patient, coverage, request.now());
            if (encounter != null) {
                canvas.field("Mã liên kết (MA_LK)",
                        PrintRecords.identifier(encounter.getIdentifier(), PrintRecords.MA_LK));
                canvas.field("Thời gian vào", PaperText.dateTime(encounter.getPeriod().getStart()));
            }
            Sections.others(canvas, composition, Set.of());
            canvas.signatures(PaperText.dateLine(composition.getDate()), List.of(
                    new PaperCanvas.Signer("Người lập", "(Ký, ghi rõ họ tên)",
                            records.practitionerName(composition.getAuthorFirstRep()))));
            return Optional.of(Paper.finish(canvas, request, compositionId, typeCode + "-" + compositionId + ".pdf",
                    patientId, "Composition/" + compositionId));
        }
    }
}

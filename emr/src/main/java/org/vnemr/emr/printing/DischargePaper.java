package org.vnemr.emr.printing;

import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Giấy ra viện (A4), MS: 01/BV-01, with the fields of XML7: the stay's times and discharging department from the
 * Encounter, the discharge diagnosis with its codes, the treatment method and notes from the paper's sections,
 * parents' names for a child, and the head of department's and the director's signature blocks.
 */
final class DischargePaper {

    static final String TYPE = "giay-ra-vien";
    static final Map<String, String> FORM = Sections.of(
            "phuong-phap-dieu-tri", "Phương pháp điều trị",
            "loi-dan", "Ghi chú");

    private DischargePaper() {
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
        Optional<Organization> department = encounter == null ? Optional.empty()
                : records.organization(encounter.getServiceProvider());

        try (PaperCanvas canvas = new PaperCanvas(PaperCanvas.Size.A4, "Giấy ra viện")) {
            List<String> extra = new ArrayList<>();
            department.ifPresent(d -> extra.add(d.getName()));
            extra.add("Số lưu trữ: " + PaperCanvas.orDots(
                    composition.hasIdentifier() ? composition.getIdentifier().getValue() : null));
            Paper.header(canvas, records.facility(), "MS: 01/BV-01", extra);
            canvas.title("Giấy ra viện");
            Paper.patient(canvas, patient, coverage, request.now());
            parents(canvas, patient);
            canvas.field("Khoa điều trị", department.map(d -> d.getName()
                    + Optional.ofNullable(PrintRecords.identifier(d.getIdentifier(), PrintRecords.MA_KHOA))
                    .map(c -> " (" + c + ")").orElse("")).orElse(null));
            if (encounter != null) {
                VisitFacts.print(canvas, encounter, records, "DD");
            } else {
                canvas.field("Chẩn đoán", null);
            }
            Sections.named(canvas, composition, FORM);
            Sections.others(canvas, composition, FORM.keySet());
            canvas.signatures(PaperText.dateLine(composition.getDate()), List.of(
                    new PaperCanvas.Signer("Trưởng khoa", "(Ký, ghi rõ họ tên)",
                            records.practitionerName(composition.getAuthorFirstRep())),
                    new PaperCanvas.Signer("Thủ trưởng đơn vị", "(Ký tên, đóng dấu)", null)));
            return Optional.of(Paper.finish(canvas, request, compositionId, TYPE + "-" + compositionId + ".pdf",
                    patientId, "Composition/" + compositionId));
        }
    }

    /** Họ tên cha / mẹ (XML7 HO_TEN_CHA, HO_TEN_ME): the patient's contacts with relationship FTH / MTH. */
    static void parents(PaperCanvas canvas, Patient patient) {
        for (Patient.ContactComponent contact : patient.getContact()) {
            boolean father = contact.getRelationship().stream().flatMap(r -> r.getCoding().stream())
                    .anyMatch(c -> "FTH".equals(c.getCode()));
            boolean mother = contact.getRelationship().stream().flatMap(r -> r.getCoding().stream())
                    .anyMatch(c -> "MTH".equals(c.getCode()));
            if (father || mother) {
                canvas.field(father ? "Họ tên cha" : "Họ tên mẹ", PrintRecords.name(contact.getName()));
            }
        }
    }
}

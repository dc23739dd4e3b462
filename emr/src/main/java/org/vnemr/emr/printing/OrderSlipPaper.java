package org.vnemr.emr.printing;

import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Phiếu chỉ định (A5): the services ordered together under one requisition number (laboratory, imaging,
 * procedures), so the patient can take it to the rooms that perform them and pay at the cashier.
 */
final class OrderSlipPaper {

    static final String TYPE = "phieu-chi-dinh";
    static final String REQUISITION = PrintRecords.V + "/sid/phieu-chi-dinh";
    private static final Map<String, String> CATEGORIES = Map.of("108252007", "Xét nghiệm",
            "363679005", "Chẩn đoán hình ảnh", "387713003", "Thủ thuật, phẫu thuật");

    private OrderSlipPaper() {
    }

    static Optional<Paper.Printed> print(String requisitionId, Paper.Request request) {
        PrintRecords records = request.records();
        List<ServiceRequest> orders = new ArrayList<>(records.search(ServiceRequest.class,
                Map.of("requisition", List.of(REQUISITION + "|" + requisitionId))));
        orders.removeIf(o -> o.getStatus() == ServiceRequest.ServiceRequestStatus.ENTEREDINERROR);
        if (orders.isEmpty()) {
            return Optional.empty();
        }
        orders.sort(Comparator.comparing(o -> o.getCode().getCodingFirstRep().getCode(),
                Comparator.nullsLast(Comparator.naturalOrder())));
        ServiceRequest first = orders.get(0);
        String patientId = PrintRecords.idOf(first.getSubject(), "Patient");
        Patient patient = records.read(Patient.class, patientId).orElseGet(Patient::new);
        Coverage coverage = patientId == null ? null : records.coverage(patientId).orElse(null);
        Encounter encounter = records.resolve(Encounter.class, first.getEncounter()).orElse(null);
        String department = encounter == null ? null
                : records.organization(encounter.getServiceProvider()).map(Organization::getName).orElse(null);

        try (PaperCanvas canvas = new PaperCanvas(PaperCanvas.Size.A5, "Phiếu chỉ định")) {
            Paper.header(canvas, records.facility(), null, department == null ? List.of() : List.of(department));
            canvas.title("Phiếu chỉ định");
            String kinds = String.join(", ", orders.stream().flatMap(o -> o.getCategory().stream())
                    .flatMap(c -> c.getCoding().stream()).map(c -> CATEGORIES.get(c.getCode()))
                    .filter(java.util.Objects::nonNull).distinct().toList());
            if (!kinds.isEmpty()) {
                canvas.centered(kinds, false, canvas.base());
            }
            canvas.centered("Số phiếu: " + requisitionId, true, canvas.base());
            canvas.space(canvas.base() * 0.5f);
            Paper.patient(canvas, patient, coverage, request.now());
            if (encounter != null) {
                canvas.field("Mã liên kết (MA_LK)",
                        PrintRecords.identifier(encounter.getIdentifier(), PrintRecords.MA_LK));
                canvas.field("Chẩn đoán", PrintRecords.diagnosisText(records.diagnosesPreferring(encounter, null)));
            }
            List<String[]> rows = new ArrayList<>();
            int n = 1;
            for (ServiceRequest order : orders) {
                var coding = order.getCode().getCodingFirstRep();
                String performer = order.getPerformer().stream().map(records::organization)
                        .flatMap(Optional::stream).map(Organization::getName).findFirst()
                        .orElse(order.hasPerformer() ? order.getPerformerFirstRep().getDisplay() : null);
                rows.add(new String[]{String.valueOf(n++), coding.getCode(),
                        coding.hasDisplay() ? coding.getDisplay() : order.getCode().getText(),
                        PaperCanvas.blankIfNull(performer)});
            }
            canvas.table(new String[]{"STT", "Mã dịch vụ", "Tên dịch vụ", "Nơi thực hiện"},
                    new float[]{0.08f, 0.2f, 0.44f, 0.28f}, rows);
            canvas.signatures(PaperText.dateLine(first.getAuthoredOn()),
                    List.of(new PaperCanvas.Signer("Bác sĩ chỉ định", "(Ký, ghi rõ họ tên)",
                            records.practitionerName(first.getRequester()))));
            return Optional.of(Paper.finish(canvas, request, "PCD-" + requisitionId,
                    TYPE + "-" + requisitionId + ".pdf", patientId, "ServiceRequest?requisition=" + requisitionId));
        }
    }
}

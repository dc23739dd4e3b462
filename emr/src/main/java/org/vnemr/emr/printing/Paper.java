package org.vnemr.emr.printing;

import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * What every paper shares: the national header, the patient block, the QR code that points to the public check
 * page, and the answer handed to the controller. Each paper class reads its data, describes its content on a
 * {@link PaperCanvas}, and returns a {@link Printed}.
 */
final class Paper {

    /** A rendered paper: the PDF, its file name, and the patient and resource it was printed for (audit). */
    record Printed(byte[] pdf, String fileName, String patientId, String what) {
    }

    /** What a paper needs besides its id: the audited reader, the public address for the QR code, and now. */
    record Request(PrintRecords records, String publicBase, Instant now) {
    }

    private Paper() {
    }

    static void header(PaperCanvas canvas, Organization facility, String formNumber, List<String> extraLeft) {
        canvas.nationalHeader(PrintRecords.authority(facility), facility.getName(),
                PrintRecords.identifier(facility.getIdentifier(), PrintRecords.MA_CSKCB), extraLeft, formNumber);
    }

    /** Họ tên, tuổi, giới; địa chỉ; mã người bệnh; thẻ BHYT with its validity and benefit level. */
    static void patient(PaperCanvas canvas, Patient patient, Coverage coverage, Instant now) {
        String name = PrintRecords.patientName(patient);
        canvas.paragraph(List.of(PaperCanvas.Span.plain("Họ và tên người bệnh: "),
                PaperCanvas.Span.strong(name == null ? PaperCanvas.dots()
                        : name)));
        canvas.fieldRow("Ngày sinh", PaperText.date(patient.getBirthDate()),
                "Tuổi", PaperText.age(patient.getBirthDate(), now), "Giới tính", PrintRecords.sex(patient));
        canvas.field("Địa chỉ", PrintRecords.address(patient));
        canvas.field("Mã người bệnh", PrintRecords.identifier(patient.getIdentifier(), PrintRecords.MA_BN));
        if (coverage != null) {
            canvas.field("Số thẻ BHYT", PrintRecords.identifier(coverage.getIdentifier(), PrintRecords.BHYT));
            canvas.fieldRow("Giá trị từ", PaperText.date(coverage.getPeriod().getStart()),
                    "đến", PaperText.date(coverage.getPeriod().getEnd()),
                    "Mức hưởng", PrintRecords.benefitLevel(coverage));
        } else {
            canvas.field("Số thẻ BHYT", "Không có (người bệnh tự chi trả)");
        }
    }

    /** The address the QR code encodes: the public check page with the document id. */
    static String qrText(String publicBase, String documentId) {
        return publicBase + "/xac-minh/ho-so?id=" + URLEncoder.encode(documentId, StandardCharsets.UTF_8);
    }

    static Printed finish(PaperCanvas canvas, Request request, String documentId, String fileName, String patientId,
                          String what) {
        byte[] pdf = canvas.finish(qrText(request.publicBase(), documentId), documentId);
        return new Printed(pdf, fileName, patientId, what);
    }
}

package org.vnemr.emr.printing;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vnemr.emr.testing.EmrTestServer;
import org.vnemr.platform.access.Role;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every printed paper over real HTTP from records in the shapes of the clinical-data contract: the answer is an
 * inline PDF of the right size, its Vietnamese text (with diacritics) reads the same in PDFBox and poppler, the QR
 * code in the corner decodes to the public check address of this paper, and the print is in the audit trail.
 */
class PrintedPapersIT {

    static EmrTestServer server;
    static PrintFixtures data;
    static PdfClient doctor;

    @BeforeAll
    static void start() {
        server = EmrTestServer.start(List.of());
        data = PrintFixtures.create(server.store());
        String username = server.user(Role.DOCTOR, data.practitioner, data.department);
        doctor = PdfClient.login(server.root(), username, EmrTestServer.PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static PdfCheck fetch(String path, String fileName, String screenshot) throws Exception {
        HttpResponse<byte[]> answer = doctor.get(path);
        assertThat(answer.statusCode()).as(path).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(answer.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("inline").contains("filename=\"" + fileName + "\"");
        return PdfCheck.of(answer.body(), screenshot);
    }

    /** Reports every missing piece of text at once, from both extractors. */
    private static void assertText(PdfCheck pdf, String... expected) {
        SoftAssertions soft = new SoftAssertions();
        for (String s : expected) {
            soft.assertThat(pdf.text()).as("PDFBox text").contains(s);
            soft.assertThat(pdf.popplerText()).as("pdftotext text").contains(s);
        }
        soft.assertAll();
    }

    private static String qr(String documentId) {
        return server.root() + "/xac-minh/ho-so?id=" + documentId;
    }

    @Test
    void visitSlipIsA5WithQueueNumberRoomPatientCardAndLinkCode() throws Exception {
        PdfCheck pdf = fetch("/in/phieu-kham-benh-tiep-don/" + data.outpatient + ".pdf",
                "phieu-kham-benh-tiep-don-" + data.outpatient + ".pdf", "phieu-kham-benh");
        assertThat(pdf.isA5()).isTrue();
        assertText(pdf, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                "SỞ Y TẾ THÀNH PHỐ HỒ CHÍ MINH", "BỆNH VIỆN ĐA KHOA THỦ ĐỨC", "Mã cơ sở: 79001",
                "PHIẾU KHÁM BỆNH", "17", "Phòng khám: Phòng khám Nội 1", PrintFixtures.PATIENT_NAME, "Nữ",
                "BN00001234", "GD4797912345678", "31/12/2026", "80%", "01 - Khám bệnh",
                PrintFixtures.MA_LK_OUT, "08 giờ 30 phút, ngày 25/11/2026", "Ho, sốt 3 ngày",
                "Ngày 25 tháng 11 năm 2026");
        assertThat(pdf.qr()).isEqualTo(qr("Encounter-" + data.outpatient));
        assertText(pdf, "Mã tài liệu: Encounter-" + data.outpatient);
    }

    @Test
    void prescriptionIsA5WithCodeDiagnosisNumberedDrugLinesSigAdviceAndRevisitDate() throws Exception {
        PdfCheck pdf = fetch("/in/don-thuoc/" + data.prescription + ".pdf",
                "don-thuoc-" + data.prescription + ".pdf", "don-thuoc");
        assertThat(pdf.isA5()).isTrue();
        assertText(pdf, "ĐƠN THUỐC", "Mã đơn thuốc: " + PrintFixtures.PRESCRIPTION_CODE,
                PrintFixtures.PATIENT_NAME, "J18.9 - Viêm phổi, không đặc hiệu",
                "1 Amoxicilin 500mg 14 Viên Ngày uống 2 lần, mỗi lần 1 viên, sau ăn",
                "2 Paracetamol 500mg 06 Viên Ngày uống 3 lần, mỗi lần 1 viên",
                "Uống nhiều nước, ăn đồ mềm; tái khám ngay nếu sốt cao.", "Hẹn tái khám: 02/12/2026",
                "BÁC SĨ KHÁM BỆNH", PrintFixtures.DOCTOR_NAME, "Ngày 27 tháng 11 năm 2026");
        assertThat(pdf.qr()).isEqualTo(qr(data.prescription));
    }

    @Test
    void orderSlipIsA5AndListsTheServicesOfOneRequisition() throws Exception {
        PdfCheck pdf = fetch("/in/phieu-chi-dinh/" + PrintFixtures.REQUISITION + ".pdf",
                "phieu-chi-dinh-" + PrintFixtures.REQUISITION + ".pdf", "phieu-chi-dinh");
        assertThat(pdf.isA5()).isTrue();
        assertText(pdf, "PHIẾU CHỈ ĐỊNH", "Số phiếu: " + PrintFixtures.REQUISITION, "Xét nghiệm",
                "Chẩn đoán hình ảnh", "Tổng phân tích tế bào máu ngoại vi", "Chụp X-quang ngực thẳng",
                "Khoa Xét nghiệm", "BÁC SĨ CHỈ ĐỊNH", PrintFixtures.DOCTOR_NAME, PrintFixtures.PATIENT_NAME);
        assertThat(pdf.qr()).isEqualTo(qr("PCD-" + PrintFixtures.REQUISITION));
    }

    @Test
    void revisitSlipIsA5WithTheXml14Fields() throws Exception {
        PdfCheck pdf = fetch("/in/giay-hen-kham-lai/" + data.appointment + ".pdf",
                "giay-hen-kham-lai-" + data.appointment + ".pdf", "giay-hen-kham-lai");
        assertThat(pdf.isA5()).isTrue();
        assertText(pdf, "GIẤY HẸN KHÁM LẠI", "Mẫu số 05", "Số: GH-2026-0099", PrintFixtures.PATIENT_NAME,
                "15/03/1981", "GD4797912345678", PrintFixtures.MA_LK_OUT, "1.1 - Đúng tuyến",
                "Hẹn khám lại vào ngày: 02/12/2026", "Mã bệnh chính: J18.9", "Mã bệnh kèm theo: I10",
                "Mang theo đơn thuốc cũ và kết quả xét nghiệm", "THỦ TRƯỞNG ĐƠN VỊ",
                PrintFixtures.DOCTOR_NAME, "Ngày 25 tháng 11 năm 2026");
        assertThat(pdf.qr()).isEqualTo(qr("Appointment-" + data.appointment));
    }

    @Test
    void referralPaperIsA4WithReceivingFacilityReasonAndClinicalSummary() throws Exception {
        PdfCheck pdf = fetch("/in/giay-chuyen-tuyen/" + data.referral + ".pdf",
                "giay-chuyen-tuyen-" + data.referral + ".pdf", "giay-chuyen-tuyen");
        assertThat(pdf.isA4()).isTrue();
        assertText(pdf, "GIẤY CHUYỂN TUYẾN KHÁM BỆNH, CHỮA BỆNH", "Mẫu số 06", "Số: 125/GCT",
                "Kính gửi: Bệnh viện Chợ Rẫy (mã 79009)", PrintFixtures.PATIENT_NAME,
                "Sốt 39 độ, ran nổ đáy phổi phải.", "Tiếp tục kháng sinh, chụp cắt lớp vi tính ngực.",
                "Đủ điều kiện chuyển tuyến", PrintFixtures.MA_LK_IN, "Mã bệnh chính: J18.9",
                "Mã bệnh kèm theo: E11.9", "NGƯỜI CÓ THẨM QUYỀN CHUYỂN TUYẾN", PrintFixtures.DOCTOR_NAME);
        assertThat(pdf.qr()).isEqualTo(qr(data.referral));
    }

    @Test
    void dischargePaperIsA4WithStayDischargeDiagnosisAndTreatment() throws Exception {
        PdfCheck pdf = fetch("/in/giay-ra-vien/" + data.discharge + ".pdf",
                "giay-ra-vien-" + data.discharge + ".pdf", "giay-ra-vien");
        assertThat(pdf.isA4()).isTrue();
        assertText(pdf, "GIẤY RA VIỆN", "MS: 01/BV-01", "Số lưu trữ: LT-2026-00042", PrintFixtures.PATIENT_NAME,
                "Khoa Nội tổng hợp (K01)", "Vào viện lúc: 09 giờ 15 phút, ngày 20/11/2026",
                "Ra viện lúc: 14 giờ 00 phút, ngày 27/11/2026",
                "J18.9 - Viêm phổi, không đặc hiệu; E11.9 - Bệnh đái tháo đường týp 2 không có biến chứng",
                "Nội khoa: kháng sinh đường tĩnh mạch 7 ngày.", "Nghỉ ngơi tại nhà, tái khám sau 7 ngày.",
                "TRƯỞNG KHOA", "THỦ TRƯỞNG ĐƠN VỊ", "Ngày 27 tháng 11 năm 2026");
        assertThat(pdf.text()).doesNotContain("J06.9");
        assertThat(pdf.qr()).isEqualTo(qr(data.discharge));
    }

    @Test
    void recordSummaryIsA4AndBuiltFromTheEncounter() throws Exception {
        PdfCheck pdf = fetch("/in/tom-tat-ho-so/" + data.inpatient + ".pdf",
                "tom-tat-ho-so-" + data.inpatient + ".pdf", "tom-tat-ho-so");
        assertThat(pdf.isA4()).isTrue();
        assertText(pdf, "TÓM TẮT HỒ SƠ BỆNH ÁN", PrintFixtures.PATIENT_NAME, "03 - Điều trị nội trú",
                "Chẩn đoán vào viện: J06.9 - Nhiễm trùng hô hấp trên cấp",
                "Vào viện vì sốt cao, ho có đờm; sau 3 ngày kháng sinh hết sốt.",
                "Số lượng bạch cầu: 12.5 G/L", "Kết quả điều trị: 2. Đỡ", PrintFixtures.MA_LK_IN);
        // the written summary is what can be signed, so the QR code names it
        assertThat(pdf.qr()).isEqualTo(qr(data.summary));
    }

    @Test
    void anyOtherCompositionPrintsItsSectionsOnA4() throws Exception {
        PdfCheck pdf = fetch("/in/to-dieu-tri/" + data.treatmentSheet + ".pdf",
                "to-dieu-tri-" + data.treatmentSheet + ".pdf", "to-dieu-tri");
        assertThat(pdf.isA4()).isTrue();
        assertText(pdf, "TỜ ĐIỀU TRỊ", "Diễn biến bệnh", "Ngày 21/11: còn sốt 38,5 độ, ho ít.",
                "Phổi ran nổ giảm.", "Y lệnh", "- Ceftriaxon 1g × 2 lọ, tiêm tĩnh mạch", "- Theo dõi nhiệt độ",
                "NGƯỜI LẬP", PrintFixtures.DOCTOR_NAME);
        assertThat(pdf.qr()).isEqualTo(qr(data.treatmentSheet));
    }

    @Test
    void unknownIdAnswersAVietnameseNotFoundPage() {
        HttpResponse<byte[]> answer = doctor.get("/in/giay-ra-vien/khong-co-ho-so-nay.pdf");
        assertThat(answer.statusCode()).isEqualTo(404);
        String page = new String(answer.body(), StandardCharsets.UTF_8);
        assertThat(page).contains("Không tìm thấy giấy tờ cần in").contains("VNEMR-6501")
                .doesNotContain("Exception");
        assertThat(doctor.get("/in/phieu-chi-dinh/PCD-KHONG-CO.pdf").statusCode()).isEqualTo(404);
        assertThat(doctor.get("/in/giay-hen-kham-lai/" + data.outpatient + ".pdf").statusCode()).isEqualTo(404);
    }

    @Test
    void aCompositionOfAnotherKindIsNotPrintedUnderThisPapersRoute() {
        assertThat(doctor.get("/in/giay-ra-vien/" + data.referral + ".pdf").statusCode()).isEqualTo(404);
        assertThat(doctor.get("/in/benh-an-noi-khoa/" + data.treatmentSheet + ".pdf").statusCode()).isEqualTo(404);
    }

    @Test
    void printingNeedsALogin() {
        HttpResponse<byte[]> answer = PdfClient.anonymous(server.root())
                .get("/in/giay-ra-vien/" + data.discharge + ".pdf");
        assertThat(answer.statusCode()).isIn(302, 303, 401);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).doesNotStartWith("application/pdf");
    }

    @Test
    void eachPrintIsAuditedWithThePatient() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(server.bean(DataSource.class));
        String sql = "select count(*) from audit_log where action = 'print' and ? = any(patients)";
        long before = jdbc.queryForObject(sql, Long.class, data.patient);
        assertThat(doctor.get("/in/giay-hen-kham-lai/" + data.appointment + ".pdf").statusCode()).isEqualTo(200);
        long after = before;
        for (int i = 0; i < 50 && after == before; i++) {
            Thread.sleep(100);
            after = jdbc.queryForObject(sql, Long.class, data.patient);
        }
        assertThat(after).isEqualTo(before + 1);
    }
}

package org.vnemr.emr.inpatient;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.testing.EmrTestServer;
import org.vnemr.emr.testing.UiClient;
import org.vnemr.platform.access.Role;
import org.vnemr.signing.document.DocumentAmendments;
import org.vnemr.terminology.catalogue.CatalogueConfiguration;
import org.vnemr.terminology.catalogue.CatalogueEntry;
import org.vnemr.terminology.catalogue.CatalogueKind;

import java.io.IOException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inpatient screens over HTTP on a real store: each action writes its facts in one transaction as
 * clinical-data.md says, bad input is answered next to the field with what was typed kept, and a refused action
 * stores nothing (beds keep their status).
 */
class InpatientScreensIT {

    static EmrTestServer server;
    static ClinicalStore store;
    static String doctorLogin;
    static String nurseLogin;
    static Ward ward;

    @BeforeAll
    static void start() {
        server = EmrTestServer.start(List.of(CatalogueConfiguration.class));
        store = server.store();
        ward = new Ward(server);
        doctorLogin = server.user(Role.DOCTOR, ward.doctor, ward.medicine, ward.surgery);
        nurseLogin = server.user(Role.NURSE, ward.nurse, ward.medicine, ward.surgery);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String now(int minutesAgo) {
        return LocalDateTime.now(Fhir.ZONE).minusMinutes(minutesAgo).withSecond(0).withNano(0).toString();
    }

    static Map<String, String> admission(String patient, String bed) {
        Map<String, String> form = new HashMap<>();
        form.put("patientId", patient);
        form.put("department", ward.medicine);
        form.put("bed", bed);
        form.put("reason", "Sốt cao, ho");
        form.put("icd", "J18.9");
        form.put("diagnosisText", "Viêm phổi");
        form.put("admittedAt", now(180));
        return form;
    }

    static String admit(UiClient doctor, String patient, String bed) {
        UiClient.Response answer = doctor.post("/noi-tru/nhap-vien", admission(patient, bed));
        assertThat(answer.status()).as(answer.body()).isEqualTo(302);
        String location = answer.header("Location");
        return location.replaceAll(".*/noi-tru/([^/]+)/benh-an.*", "$1");
    }

    static Location bed(String id) {
        return store.readReference(Location.class, id).orElseThrow();
    }

    static <T extends org.hl7.fhir.r4.model.Resource> List<T> find(Class<T> type, String param, String value) {
        return store.search(type, Map.of(param, List.of(value), "_count", List.of("500")), null);
    }

    @Test
    void aDirectAdmission_writesTheStayItsDepartmentStayTheOccupiedBedAndTheAdmissionDiagnosis() {
        UiClient doctor = server.login(doctorLogin);
        String patient = ward.patient(server, "Nguyễn Văn Nhập", Enumerations.AdministrativeGender.MALE,
                LocalDate.of(1970, 5, 1));
        String bedId = ward.medicineBeds.get(0);
        String id = admit(doctor, patient, bedId);

        Encounter stay = store.read(Encounter.class, id, null).orElseThrow();
        assertThat(stay.getClass_().getCode()).isEqualTo("IMP");
        assertThat(stay.getStatus()).isEqualTo(Encounter.EncounterStatus.INPROGRESS);
        assertThat(Fhir.identifier(stay.getIdentifier(), Fhir.MA_LK)).startsWith("01001").hasSize(21);
        assertThat(stay.getServiceProvider().getReference()).isEqualTo("Organization/" + ward.medicine);
        assertThat(stay.getLocationFirstRep().getLocation().getReference()).isEqualTo("Location/" + bedId);
        assertThat(stay.getLocationFirstRep().getPeriod().getStart()).isNotNull();
        assertThat(stay.getParticipantFirstRep().getIndividual().getReference())
                .isEqualTo("Practitioner/" + ward.doctor);
        assertThat(stay.getReasonCodeFirstRep().getText()).isEqualTo("Sốt cao, ho");
        assertThat(stay.getDiagnosisFirstRep().getUse().getCodingFirstRep().getCode()).isEqualTo("AD");
        Condition diagnosis = store.read(Condition.class,
                stay.getDiagnosisFirstRep().getCondition().getReferenceElement().getIdPart(), null).orElseThrow();
        assertThat(diagnosis.getCode().getCodingFirstRep().getCode()).isEqualTo("J18.9");
        assertThat(diagnosis.getEncounter().getReference()).isEqualTo("Encounter/" + id);
        assertThat(bed(bedId).getOperationalStatus().getCode()).isEqualTo("O");
        List<Encounter> parts = find(Encounter.class, "part-of", "Encounter/" + id);
        assertThat(parts).hasSize(1);
        assertThat(parts.get(0).getServiceProvider().getReference()).isEqualTo("Organization/" + ward.medicine);
        assertThat(stay.getAccountFirstRep().getReference()).startsWith("Account/");

        String board = doctor.get("/noi-tru").body();
        assertThat(board).contains("Nguyễn Văn Nhập").contains("Khoa Nội " + ward.tag);
    }

    @Test
    void anAdmissionWithoutReasonWithABadCodeOrToAnOccupiedBed_isRefusedNextToTheFieldsAndStoresNothing() {
        UiClient doctor = server.login(doctorLogin);
        String first = ward.patient(server, "Phạm Thị Giường", Enumerations.AdministrativeGender.FEMALE,
                LocalDate.of(1980, 1, 2));
        String bedId = ward.medicineBeds.get(1);
        admit(doctor, first, bedId);
        String second = ward.patient(server, "Hoàng Văn Sau", Enumerations.AdministrativeGender.MALE,
                LocalDate.of(1981, 1, 2));
        int before = find(Encounter.class, "subject", "Patient/" + second).size();
        Map<String, String> form = admission(second, bedId);
        form.put("reason", " ");
        form.put("icd", "viem phoi");
        UiClient.Response answer = doctor.post("/noi-tru/nhap-vien", form);
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body()).contains("VNEMR-6303").contains("VNEMR-6304").contains("VNEMR-6305")
                .contains("id=\"error-bed\"").contains("value=\"viem phoi\"");
        assertThat(find(Encounter.class, "subject", "Patient/" + second)).hasSize(before);
        assertThat(bed(bedId).getOperationalStatus().getCode()).isEqualTo("O");
    }

    @Test
    void anAdmissionFromAnOutpatientRequest_isPartOfThatVisitKeepsItsKeyAndCompletesTheRequest() {
        UiClient doctor = server.login(doctorLogin);
        String patient = ward.patient(server, "Vũ Thị Khám", Enumerations.AdministrativeGender.FEMALE,
                LocalDate.of(1990, 3, 4));
        Encounter visit = new Encounter();
        visit.setStatus(Encounter.EncounterStatus.INPROGRESS);
        visit.setClass_(new org.hl7.fhir.r4.model.Coding(Fhir.ACT_CODE, "AMB", "ambulatory"));
        visit.addIdentifier().setSystem(Fhir.MA_LK).setValue("01001261125080000" + "1234");
        visit.setSubject(new Reference("Patient/" + patient));
        visit.setId("urn:uuid:" + java.util.UUID.randomUUID());
        ServiceRequest request = new ServiceRequest();
        request.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
        request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        request.addCategory(Fhir.concept(Fhir.SNOMED, Fhir.ADMISSION_ORDER, "Hospital admission"));
        request.setSubject(new Reference("Patient/" + patient));
        request.setEncounter(new Reference(visit.getIdElement().getValue()));
        request.addPerformer(new Reference("Organization/" + ward.medicine));
        request.addReasonCode().setText("Đau bụng kéo dài");
        store.transaction(List.of(visit, request), null);

        String page = doctor.get("/noi-tru/nhap-vien").body();
        assertThat(page).contains("Vũ Thị Khám").contains("take-" + request.getIdPart());
        String prefilled = doctor.get("/noi-tru/nhap-vien?yeuCau=" + request.getIdPart()).body();
        assertThat(prefilled).contains("Đau bụng kéo dài");

        Map<String, String> form = admission(patient, ward.medicineBeds.get(2));
        form.put("requestId", request.getIdPart());
        UiClient.Response answer = doctor.post("/noi-tru/nhap-vien", form);
        assertThat(answer.status()).as(answer.body()).isEqualTo(302);
        String id = answer.header("Location").replaceAll(".*/noi-tru/([^/]+)/benh-an.*", "$1");
        Encounter stay = store.read(Encounter.class, id, null).orElseThrow();
        assertThat(stay.getPartOf().getReference()).isEqualTo("Encounter/" + visit.getIdPart());
        assertThat(Fhir.identifier(stay.getIdentifier(), Fhir.MA_LK)).isEqualTo("010012611250800001234");
        assertThat(store.read(ServiceRequest.class, request.getIdPart(), null).orElseThrow().getStatus())
                .isEqualTo(ServiceRequest.ServiceRequestStatus.COMPLETED);
        assertThat(doctor.get("/noi-tru/nhap-vien").body()).doesNotContain("take-" + request.getIdPart());
    }

    @Test
    void theAdmissionRecord_enforcesRequiredFieldsAndRangesThenSavesTheTemplateAsAComposition() {
        Ward own = new Ward(server);
        // a doctor of this test's own ward: the access matrix lets clinicians work only in their departments
        UiClient doctor = server.login(server.user(Role.DOCTOR, own.doctor, own.medicine, own.surgery));
        String patient = own.patient(server, "Đỗ Văn Bệnh Án", Enumerations.AdministrativeGender.MALE,
                LocalDate.of(1965, 7, 8));
        Map<String, String> admission = admission(patient, own.medicineBeds.get(0));
        admission.put("department", own.medicine);
        String id = admitAs(doctor, admission);
        String page = doctor.get("/noi-tru/" + id + "/benh-an").body();
        assertThat(page).contains("Bệnh án nội khoa").contains("id=\"lyDoVaoVien\"").contains("id=\"benhSu\"");

        Map<String, String> form = new HashMap<>();
        form.put("recordType", "benh-an-noi-khoa");
        form.put("lyDoVaoVien", "Sốt, ho khạc đờm");
        form.put("mach", "900");
        form.put("nhietDo", "38,5");
        UiClient.Response refused = doctor.post("/noi-tru/" + id + "/benh-an", form);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"error-benhSu\"").contains("VNEMR-6309")
                .contains("id=\"error-mach\"").contains("VNEMR-6320").contains("Sốt, ho khạc đờm");
        assertThat(find(Composition.class, "encounter", "Encounter/" + id)).isEmpty();

        form.put("mach", "96");
        form.put("benhSu", "Sốt 3 ngày, ho khạc đờm vàng");
        form.put("khamToanThan", "Tỉnh, tiếp xúc tốt");
        form.put("tomTatBenhAn", "Hội chứng nhiễm trùng, hội chứng đông đặc phổi phải");
        form.put("chanDoanBenhChinh", "j18.9");
        form.put("huongDieuTri", "Kháng sinh, hạ sốt");
        UiClient.Response saved = doctor.post("/noi-tru/" + id + "/benh-an", form);
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        Composition record = find(Composition.class, "encounter", "Encounter/" + id).get(0);
        assertThat(record.getType().getCodingFirstRep().getCode()).isEqualTo("benh-an-noi-khoa");
        assertThat(record.getSection()).extracting(s -> s.getCode().getCodingFirstRep().getCode())
                .contains("hanh-chinh", "ly-do-vao-vien", "hoi-benh", "kham-toan-than", "chan-doan",
                        "huong-dieu-tri");
        Map<String, String> values = new HashMap<>();
        Fhir.readFields(record.getSection(), values);
        assertThat(values).containsEntry("benhSu", "Sốt 3 ngày, ho khạc đờm vàng").containsEntry("mach", "96");
        List<Observation> vitals = find(Observation.class, "encounter", "Encounter/" + id);
        assertThat(vitals).extracting(o -> o.getCode().getCodingFirstRep().getCode())
                .containsExactlyInAnyOrder("8867-4", "8310-5");
        assertThat(doctor.get("/noi-tru/" + id + "/benh-an").body()).contains("Sốt 3 ngày, ho khạc đờm vàng");
    }

    @Test
    void anEyeDepartmentOpensTheEyeForm_refusesItsMissingAcuityThenSavesBothEyesAndPrintsIt() throws IOException {
        Ward own = new Ward(server);
        String eye = own.addDepartment(server, "mat", "K15");
        UiClient doctor = server.login(server.user(Role.DOCTOR, own.doctor, eye));
        String patient = own.patient(server, "Phạm Thị Mắt", Enumerations.AdministrativeGender.FEMALE,
                LocalDate.of(1950, 2, 3));
        Map<String, String> admission = admission(patient, eye + "-b1");
        admission.put("department", eye);
        admission.put("icd", "H25.9");
        admission.put("reason", "Nhìn mờ mắt phải");
        String id = admitAs(doctor, admission);

        String page = doctor.get("/noi-tru/" + id + "/benh-an").body();
        assertThat(page).contains("Bệnh án mắt – bán phần trước").contains("id=\"thiLucKhongKinhMP\"")
                .contains("id=\"nhanApMT\"")
                // every shipped form can still be picked, whatever the department's default
                .contains("value=\"benh-an-noi-khoa\"").contains("value=\"benh-an-y-hoc-co-truyen\"");
        assertThat(doctor.get("/noi-tru/" + id + "/benh-an?loai=benh-an-mat-chan-thuong").body())
                .contains("Bệnh án mắt – chấn thương").contains("id=\"viTriVetThuong\"");

        Map<String, String> form = new HashMap<>();
        form.put("recordType", "benh-an-mat-ban-phan-truoc");
        form.put("lyDoVaoVien", "Nhìn mờ mắt phải 6 tháng");
        form.put("thiLucKhongKinhMP", "ĐNT 1m");
        form.put("nhanApMP", "95");
        UiClient.Response refused = doctor.post("/noi-tru/" + id + "/benh-an", form);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"error-thiLucKhongKinhMT\"").contains("VNEMR-6309")
                .contains("id=\"error-nhanApMP\"").contains("VNEMR-6320").contains("id=\"error-matBenh\"")
                .contains("Nhìn mờ mắt phải 6 tháng").contains("ĐNT 1m");
        assertThat(find(Composition.class, "encounter", "Encounter/" + id)).isEmpty();

        form.put("nhanApMP", "18");
        form.put("thiLucKhongKinhMT", "8/10");
        form.put("thuyTinhTheMP", "Đục nhân độ III");
        form.put("benhSu", "Nhìn mờ tăng dần, không đau nhức");
        form.put("khamToanThan", "Tỉnh, thể trạng trung bình");
        form.put("mach", "78");
        form.put("nhietDo", "36,8");
        form.put("tomTatBenhAn", "Đục thể thuỷ tinh mắt phải");
        form.put("chanDoanBenhChinh", "H25.9");
        form.put("matBenh", "mp");
        form.put("huongDieuTri", "Phẫu thuật Phaco đặt thể thuỷ tinh nhân tạo");
        UiClient.Response saved = doctor.post("/noi-tru/" + id + "/benh-an", form);
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        Composition record = find(Composition.class, "encounter", "Encounter/" + id).get(0);
        assertThat(record.getType().getCodingFirstRep().getCode()).isEqualTo("benh-an-mat-ban-phan-truoc");
        Composition.SectionComponent eyes = record.getSection().stream()
                .filter(s -> "kham-chuyen-khoa".equals(s.getCode().getCodingFirstRep().getCode()))
                .findFirst().orElseThrow();
        assertThat(eyes.getText().getDivAsString()).contains("Thị lực không kính – mắt phải:")
                .contains("Đục nhân độ III");
        Map<String, String> values = new HashMap<>();
        Fhir.readFields(record.getSection(), values);
        assertThat(values).containsEntry("thiLucKhongKinhMP", "ĐNT 1m").containsEntry("thiLucKhongKinhMT", "8/10")
                .containsEntry("nhanApMP", "18").containsEntry("matBenh", "mp");

        UiClient.Response printed = doctor.get("/in/benh-an-mat-ban-phan-truoc/" + record.getIdPart() + ".pdf");
        assertThat(printed.status()).isEqualTo(200);
        assertThat(printed.header("Content-Type")).startsWith("application/pdf");
        try (PDDocument pdf = Loader.loadPDF(doctor.bytes("/in/benh-an-mat-ban-phan-truoc/"
                + record.getIdPart() + ".pdf"))) {
            String text = Normalizer.normalize(new PDFTextStripper().getText(pdf), Normalizer.Form.NFC)
                    .replaceAll("\\s+", " ");
            assertThat(text).contains("Phạm Thị Mắt").contains("Thị lực không kính – mắt phải: ĐNT 1m")
                    .contains("Đục nhân độ III");
        }
    }

    @Test
    void treatmentSheets_storeOrdersAsServiceAndDrugRequests_oneSheetPerDay_unknownCodesRefused() {
        List<CatalogueEntry> services = Ward.catalogue(server, CatalogueKind.SERVICE);
        List<CatalogueEntry> drugs = Ward.catalogue(server, CatalogueKind.DRUG);
        Ward own = new Ward(server);
        // a doctor of this test's own ward: the access matrix lets clinicians work only in their departments
        UiClient doctor = server.login(server.user(Role.DOCTOR, own.doctor, own.medicine, own.surgery));
        String patient = own.patient(server, "Bùi Văn Điều Trị", Enumerations.AdministrativeGender.MALE,
                LocalDate.of(1975, 2, 2));
        Map<String, String> admission = admission(patient, own.medicineBeds.get(0));
        admission.put("department", own.medicine);
        admission.put("admittedAt", LocalDateTime.now(Fhir.ZONE).minusDays(1).withSecond(0).withNano(0).toString());
        String id = admitAs(doctor, admission);

        Map<String, String> form = new HashMap<>();
        form.put("ngay", LocalDate.now(Fhir.ZONE).minusDays(1).toString());
        form.put("dienBien", "Sốt 39 độ, ho nhiều");
        form.put("yLenh", "Chăm sóc cấp II\nĂn cháo");
        form.put("dichVu", services.get(0).code() + "\nKHONG-CO-MA");
        form.put("thuocMa0", drugs.get(0).code());
        form.put("thuocLieu0", "1");
        form.put("thuocDonVi0", "viên");
        form.put("thuocDuong0", "uong");
        form.put("thuocSoLan0", "2");
        UiClient.Response refused = doctor.post("/noi-tru/" + id + "/to-dieu-tri", form);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"error-dichVu\"").contains("VNEMR-6316").contains("KHONG-CO-MA");
        assertThat(find(ServiceRequest.class, "encounter", "Encounter/" + id)).isEmpty();

        form.put("dichVu", services.get(0).code());
        UiClient.Response saved = doctor.post("/noi-tru/" + id + "/to-dieu-tri", form);
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        List<ServiceRequest> orders = find(ServiceRequest.class, "encounter", "Encounter/" + id);
        assertThat(orders).hasSize(1);
        assertThat(orders.get(0).getCode().getCodingFirstRep().getCode()).isEqualTo(services.get(0).code());
        List<MedicationRequest> lines = find(MedicationRequest.class, "encounter", "Encounter/" + id);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("inpatient");
        assertThat(lines.get(0).getDosageInstructionFirstRep().getTiming().getRepeat().getFrequency()).isEqualTo(2);

        UiClient.Response again = doctor.post("/noi-tru/" + id + "/to-dieu-tri", form);
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.body()).contains("VNEMR-6314");

        form.put("ngay", LocalDate.now(Fhir.ZONE).toString());
        form.put("dienBien", "Hết sốt, còn ho ít");
        form.remove("dichVu");
        form.remove("thuocMa0");
        assertThat(doctor.post("/noi-tru/" + id + "/to-dieu-tri", form).status()).isEqualTo(302);
        String list = doctor.get("/noi-tru/" + id + "/to-dieu-tri").body();
        assertThat(list).contains("Sốt 39 độ, ho nhiều").contains("Hết sốt, còn ho ít").contains("Chăm sóc cấp II")
                .contains("Trần Thị Bác Sĩ");
    }

    @Test
    void nursing_recordsVitalsWithTheNurseAndDrawsTheChart_outOfRangeValuesAreRefused() {
        Ward own = new Ward(server);
        // staff of this test's own ward: the access matrix lets clinicians work only in their departments
        UiClient doctor = server.login(server.user(Role.DOCTOR, own.doctor, own.medicine, own.surgery));
        UiClient nurse = server.login(server.user(Role.NURSE, own.nurse, own.medicine, own.surgery));
        String patient = own.patient(server, "Ngô Thị Chăm Sóc", Enumerations.AdministrativeGender.FEMALE,
                LocalDate.of(1988, 9, 9));
        Map<String, String> admission = admission(patient, own.medicineBeds.get(0));
        admission.put("department", own.medicine);
        String id = admitAs(doctor, admission);

        Map<String, String> form = new HashMap<>();
        form.put("thoiGian", now(30));
        form.put("nhietDo", "375");
        form.put("huyetApTamThu", "120");
        form.put("huyetApTamTruong", "130");
        form.put("ghiChu", "Người bệnh mệt");
        UiClient.Response refused = nurse.post("/noi-tru/" + id + "/cham-soc", form);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"error-nhietDo\"").contains("VNEMR-6320")
                .contains("id=\"error-huyetApTamTruong\"").contains("VNEMR-6334").contains("value=\"375\"");
        assertThat(find(Observation.class, "encounter", "Encounter/" + id)).isEmpty();

        form.put("nhietDo", "38.2");
        form.put("huyetApTamTruong", "80");
        form.put("mach", "92");
        assertThat(nurse.post("/noi-tru/" + id + "/cham-soc", form).status()).isEqualTo(302);
        List<Observation> vitals = find(Observation.class, "encounter", "Encounter/" + id);
        assertThat(vitals).extracting(o -> o.getCode().getCodingFirstRep().getCode())
                .containsExactlyInAnyOrder("8310-5", "85354-9", "8867-4");
        assertThat(vitals).allSatisfy(o -> assertThat(o.getPerformerFirstRep().getReference())
                .isEqualTo("Practitioner/" + own.nurse));
        String page = nurse.get("/noi-tru/" + id + "/cham-soc").body();
        assertThat(page).contains("id=\"vital-chart\"").contains("class=\"dot-t\"").contains("class=\"dot-p\"")
                .contains("Người bệnh mệt").contains("Nhiệt độ 38.2 °C");
    }

    @Test
    void theMedicationRecord_showsWhoGaveWhatAndWhen() {
        List<CatalogueEntry> drugs = Ward.catalogue(server, CatalogueKind.DRUG);
        Ward own = new Ward(server);
        // staff of this test's own ward: the access matrix lets clinicians work only in their departments
        UiClient doctor = server.login(server.user(Role.DOCTOR, own.doctor, own.medicine, own.surgery));
        UiClient nurse = server.login(server.user(Role.NURSE, own.nurse, own.medicine, own.surgery));
        String patient = own.patient(server, "Lý Văn Thuốc", Enumerations.AdministrativeGender.MALE,
                LocalDate.of(1955, 4, 4));
        Map<String, String> admission = admission(patient, own.medicineBeds.get(0));
        admission.put("department", own.medicine);
        String id = admitAs(doctor, admission);
        Map<String, String> sheet = new HashMap<>(Map.of("ngay", LocalDate.now(Fhir.ZONE).toString(),
                "dienBien", "Ổn định", "thuocMa0", drugs.get(0).code(), "thuocLieu0", "2", "thuocDonVi0", "viên",
                "thuocDuong0", "uong", "thuocSoLan0", "3"));
        assertThat(doctor.post("/noi-tru/" + id + "/to-dieu-tri", sheet).status()).isEqualTo(302);
        MedicationRequest order = find(MedicationRequest.class, "encounter", "Encounter/" + id).get(0);

        UiClient.Response refused = nurse.post("/noi-tru/" + id + "/thuoc", Map.of("yLenh", order.getIdPart(),
                "thoiGian", now(-120), "lieu", "0"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("VNEMR-6322").contains("VNEMR-6324");
        assertThat(nurse.post("/noi-tru/" + id + "/thuoc", Map.of("yLenh", order.getIdPart(),
                "thoiGian", now(10), "lieu", "2")).status()).isEqualTo(302);
        List<MedicationAdministration> given = find(MedicationAdministration.class, "context", "Encounter/" + id);
        assertThat(given).hasSize(1);
        assertThat(given.get(0).getPerformerFirstRep().getActor().getReference())
                .isEqualTo("Practitioner/" + own.nurse);
        assertThat(given.get(0).getRequest().getReference()).isEqualTo("MedicationRequest/" + order.getIdPart());
        assertThat(nurse.get("/noi-tru/" + id + "/thuoc").body()).contains("Lê Văn Điều Dưỡng")
                .contains(drugs.get(0).display());
    }

    /** A stay of this test's own ward with one drug order written on today's sheet; [stay id, order id]. */
    private static String[] stayWithADrugOrder(Ward own, UiClient doctor, String name) {
        List<CatalogueEntry> drugs = Ward.catalogue(server, CatalogueKind.DRUG);
        String patient = own.patient(server, name, Enumerations.AdministrativeGender.MALE, LocalDate.of(1958, 3, 3));
        Map<String, String> admission = admission(patient, own.medicineBeds.get(0));
        admission.put("department", own.medicine);
        String id = admitAs(doctor, admission);
        Map<String, String> sheet = new HashMap<>(Map.of("ngay", LocalDate.now(Fhir.ZONE).toString(),
                "dienBien", "Sốt nhẹ", "thuocMa0", drugs.get(0).code(), "thuocLieu0", "1", "thuocDonVi0", "viên",
                "thuocDuong0", "uong", "thuocSoLan0", "2"));
        assertThat(doctor.post("/noi-tru/" + id + "/to-dieu-tri", sheet).status()).isEqualTo(302);
        MedicationRequest order = find(MedicationRequest.class, "encounter", "Encounter/" + id).get(0);
        return new String[] {id, order.getIdPart()};
    }

    @Test
    void theStayScreens_showTheSharedBannerWithTheAllergiesBesideTheStayFacts() {
        Ward own = new Ward(server);
        UiClient doctor = server.login(server.user(Role.DOCTOR, own.doctor, own.medicine, own.surgery));
        String patient = own.patient(server, "Hồ Thị Băng", Enumerations.AdministrativeGender.FEMALE,
                LocalDate.of(1968, 8, 8));
        AllergyIntolerance allergy = new AllergyIntolerance();
        allergy.setPatient(new Reference("Patient/" + patient));
        allergy.getCode().setText("Penicilin");
        store.transaction(List.of(allergy), null);
        Map<String, String> admission = admission(patient, own.medicineBeds.get(1));
        admission.put("department", own.medicine);
        String id = admitAs(doctor, admission);

        for (String tab : List.of("benh-an", "to-dieu-tri", "cham-soc", "thuoc", "chuyen-khoa", "ra-vien")) {
            String page = doctor.get("/noi-tru/" + id + "/" + tab).body();
            assertThat(page).as(tab).contains("id=\"patient-banner\"")
                    .containsPattern("id=\"banner-allergies\"[^>]*class=\"allergy\"[^>]*>\\s*Dị ứng:\\s*"
                            + "<span>Penicilin</span>")
                    .containsPattern("id=\"banner-name\">Hồ Thị Băng<")
                    .containsPattern("id=\"stay-department\">Khoa Nội " + own.tag + "<")
                    .containsPattern("id=\"stay-bed\">Giường N2<")
                    .containsPattern("id=\"stay-day\">Ngày điều trị thứ [12]<")
                    .contains("id=\"stay-admitted\"");
        }
    }

    @Test
    void stoppingADrug_needsAReason_thenNoFurtherDoseIsRecordedAndWhatWasGivenAndChargedStays() {
        Ward own = new Ward(server);
        UiClient doctor = server.login(server.user(Role.DOCTOR, own.doctor, own.medicine, own.surgery));
        UiClient nurse = server.login(server.user(Role.NURSE, own.nurse, own.medicine, own.surgery));
        String[] stay = stayWithADrugOrder(own, doctor, "Đinh Văn Ngừng");
        String id = stay[0];
        String orderId = stay[1];
        assertThat(nurse.post("/noi-tru/" + id + "/thuoc", Map.of("yLenh", orderId, "thoiGian", now(30),
                "lieu", "1")).status()).isEqualTo(302);
        int charges = find(ChargeItem.class, "context", "Encounter/" + id).size();

        // a nurse gives drugs, she does not stop the doctor's order
        assertThat(nurse.post("/noi-tru/" + id + "/thuoc/ngung", Map.of("yLenh", orderId,
                "lyDoNgung", "Người bệnh nôn nhiều")).status()).isEqualTo(403);
        UiClient clerk = server.login(server.user(Role.REGISTRATION_CLERK, null));
        UiClient.Response notADoctor = clerk.post("/noi-tru/" + id + "/thuoc/ngung", Map.of("yLenh", orderId,
                "lyDoNgung", "Người bệnh xin ngừng"));
        assertThat(notADoctor.status()).isEqualTo(422);
        assertThat(notADoctor.body()).contains("VNEMR-6346");
        UiClient.Response noReason = doctor.post("/noi-tru/" + id + "/thuoc/ngung", Map.of("yLenh", orderId,
                "lyDoNgung", " ab "));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.body()).contains("id=\"error-lyDoNgung\"").contains("VNEMR-6340")
                .contains("value=\" ab \"");
        assertThat(store.read(MedicationRequest.class, orderId, null).orElseThrow().getStatus())
                .isEqualTo(MedicationRequest.MedicationRequestStatus.ACTIVE);

        UiClient.Response stopped = doctor.post("/noi-tru/" + id + "/thuoc/ngung", Map.of("yLenh", orderId,
                "lyDoNgung", "Phát ban sau liều thứ nhất"));
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(302);
        MedicationRequest order = store.read(MedicationRequest.class, orderId, null).orElseThrow();
        assertThat(order.getStatus()).isEqualTo(MedicationRequest.MedicationRequestStatus.STOPPED);
        assertThat(order.getStatusReason().getText()).isEqualTo("Phát ban sau liều thứ nhất");
        List<Provenance> trail = find(Provenance.class, "target", "MedicationRequest/" + orderId);
        assertThat(trail).hasSize(1);
        assertThat(trail.get(0).getActivity().getCodingFirstRep().getCode()).isEqualTo("ABORT");
        assertThat(trail.get(0).getAgentFirstRep().getWho().getReference()).isEqualTo("Practitioner/" + own.doctor);
        assertThat(trail.get(0).getRecorded()).isNotNull();

        UiClient.Response refused = nurse.post("/noi-tru/" + id + "/thuoc", Map.of("yLenh", orderId,
                "thoiGian", now(5), "lieu", "1"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"error-yLenh\"").contains("VNEMR-6342")
                .contains("Phát ban sau liều thứ nhất");
        assertThat(find(MedicationAdministration.class, "context", "Encounter/" + id)).hasSize(1);
        assertThat(find(ChargeItem.class, "context", "Encounter/" + id)).hasSize(charges);
        UiClient.Response again = doctor.post("/noi-tru/" + id + "/thuoc/ngung", Map.of("yLenh", orderId,
                "lyDoNgung", "Ngừng lần hai"));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.body()).contains("VNEMR-6341");

        String mar = nurse.get("/noi-tru/" + id + "/thuoc").body();
        assertThat(mar).contains("id=\"stopped-" + orderId + "\"").contains("Phát ban sau liều thứ nhất")
                .contains("Trần Thị Bác Sĩ").doesNotContain("id=\"give-" + orderId + "\"");
    }

    @Test
    void aDoseTimedAfterItsOrderWasStopped_isRefusedByTheStoreWhoeverWritesIt_butOneGivenBeforeTheStopIsKept() {
        Ward own = new Ward(server);
        UiClient doctor = server.login(server.user(Role.DOCTOR, own.doctor, own.medicine, own.surgery));
        String[] stay = stayWithADrugOrder(own, doctor, "Lò Văn Muộn");
        String id = stay[0];
        String orderId = stay[1];
        assertThat(doctor.post("/noi-tru/" + id + "/thuoc/ngung", Map.of("yLenh", orderId,
                "lyDoNgung", "Suy thận cấp, ngừng kháng sinh")).status()).isEqualTo(302);
        MedicationRequest order = store.read(MedicationRequest.class, orderId, null).orElseThrow();

        // what a nurse's page opened before the stop, or another system through /fhir, would write
        org.vnemr.emr.store.WriteRefused refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> store.transaction(List.of(dose(order, id, java.time.Instant.now())), null),
                org.vnemr.emr.store.WriteRefused.class);
        assertThat(refused).isNotNull();
        assertThat(refused.problems().get(0).code()).isEqualTo("VNEMR-6347");
        assertThat(refused.problems().get(0).vietnamese()).contains("Suy thận cấp, ngừng kháng sinh");

        // recorded late, given an hour before the doctor stopped the order: part of the record
        store.transaction(List.of(dose(order, id, java.time.Instant.now().minusSeconds(3600))), null);
        assertThat(find(MedicationAdministration.class, "context", "Encounter/" + id)).hasSize(1);
    }

    private static MedicationAdministration dose(MedicationRequest order, String stayId, java.time.Instant at) {
        MedicationAdministration given = new MedicationAdministration();
        given.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
        given.setMedication(order.getMedicationCodeableConcept().copy());
        given.setSubject(order.getSubject().copy());
        given.setContext(new Reference("Encounter/" + stayId));
        given.setEffective(new org.hl7.fhir.r4.model.DateTimeType(java.util.Date.from(at)));
        given.setRequest(new Reference("MedicationRequest/" + order.getIdPart()));
        given.getDosage().setDose(new org.hl7.fhir.r4.model.Quantity().setValue(1));
        return given;
    }

    @Test
    void correctingAnUnsignedSheet_updatesItInPlaceOnlyByItsAuthorAndKeepsItsOrders() {
        Ward own = new Ward(server);
        UiClient doctor = server.login(server.user(Role.DOCTOR, own.doctor, own.medicine, own.surgery));
        UiClient nurse = server.login(server.user(Role.NURSE, own.nurse, own.medicine, own.surgery));
        String[] stay = stayWithADrugOrder(own, doctor, "Tạ Văn Sửa");
        String id = stay[0];
        Composition sheet = find(Composition.class, "encounter", "Encounter/" + id).stream()
                .filter(c -> "to-dieu-tri".equals(c.getType().getCodingFirstRep().getCode())).findFirst()
                .orElseThrow();
        String path = "/noi-tru/" + id + "/to-dieu-tri/" + sheet.getIdPart() + "/sua";
        assertThat(doctor.get("/noi-tru/" + id + "/to-dieu-tri").body())
                .contains("id=\"correct-" + sheet.getIdPart() + "\"");

        // the nurse may edit her department's records, but a doctor's sheet is corrected by the doctor who wrote it
        UiClient.Response notTheAuthor = nurse.post(path, Map.of("dienBien", "Sửa bởi người khác"));
        assertThat(notTheAuthor.status()).isEqualTo(422);
        assertThat(notTheAuthor.body()).contains("VNEMR-6343");
        UiClient.Response empty = doctor.post(path, Map.of("dienBien", "  ", "yLenh", "Ăn lỏng"));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.body()).contains("id=\"error-dienBien\"").contains("VNEMR-6315").contains("Ăn lỏng");
        assertThat(store.read(Composition.class, sheet.getIdPart(), null).orElseThrow().getMeta().getVersionId())
                .isEqualTo(sheet.getMeta().getVersionId());

        UiClient.Response saved = doctor.post(path, Map.of("dienBien", "Sốt nhẹ 37,8 độ, đỡ ho", "yLenh",
                "Ăn lỏng\nTheo dõi nhiệt độ"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        Composition corrected = store.read(Composition.class, sheet.getIdPart(), null).orElseThrow();
        assertThat(corrected.getMeta().getVersionId()).isNotEqualTo(sheet.getMeta().getVersionId());
        assertThat(corrected.getStatus()).isEqualTo(Composition.CompositionStatus.PRELIMINARY);
        Map<String, String> values = new HashMap<>();
        Fhir.readFields(corrected.getSection(), values);
        assertThat(values).containsEntry("dienBien", "Sốt nhẹ 37,8 độ, đỡ ho")
                .containsEntry("yLenh", "Ăn lỏng\nTheo dõi nhiệt độ").containsEntry("ngay", values.get("ngay"));
        Composition.SectionComponent orders = corrected.getSection().get(1);
        assertThat(orders.getEntry()).extracting(Reference::getReference)
                .containsExactly("MedicationRequest/" + stay[1]);
        assertThat(orders.getText().getDivAsString()).contains("Theo dõi nhiệt độ").contains("lần/ngày");
        List<Provenance> trail = find(Provenance.class, "target", "Composition/" + sheet.getIdPart());
        assertThat(trail).hasSize(1);
        assertThat(trail.get(0).getEntityFirstRep().getWhat().getReference())
                .isEqualTo("Composition/" + sheet.getIdPart() + "/_history/" + sheet.getMeta().getVersionId());

        String list = doctor.get("/noi-tru/" + id + "/to-dieu-tri").body();
        assertThat(list).contains("id=\"corrected-" + sheet.getIdPart() + "\"").contains("Sốt nhẹ 37,8 độ, đỡ ho");
        assertThat(doctor.get(path).body()).contains("class=\"history-corrected\"").contains("Sửa trực tiếp");
    }

    @Test
    void amendingASignedSheet_keepsTheSignedOneUnchangedAndRecordsTheReasonOnTheReplacement() {
        Ward own = new Ward(server);
        UiClient doctor = server.login(server.user(Role.DOCTOR, own.doctor, own.medicine, own.surgery));
        String[] stay = stayWithADrugOrder(own, doctor, "Quách Văn Ký");
        String id = stay[0];
        Composition sheet = find(Composition.class, "encounter", "Encounter/" + id).stream()
                .filter(c -> "to-dieu-tri".equals(c.getType().getCodingFirstRep().getCode())).findFirst()
                .orElseThrow();
        // what signing does to the Composition itself (status final); the frozen snapshot is the signing module's
        sheet.setStatus(Composition.CompositionStatus.FINAL);
        store.transaction(List.of(sheet), null);
        Composition signed = store.read(Composition.class, sheet.getIdPart(), null).orElseThrow();
        String path = "/noi-tru/" + id + "/to-dieu-tri/" + signed.getIdPart() + "/sua";
        assertThat(doctor.get(path).body()).contains("id=\"sheet-signed\"").contains("id=\"lyDoSua\"");

        UiClient.Response noReason = doctor.post(path, Map.of("dienBien", "Sốt nhẹ, đã hết ho", "lyDoSua", ""));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.body()).contains("id=\"error-lyDoSua\"").contains("VNEMR-6344")
                .contains("Sốt nhẹ, đã hết ho");
        assertThat(find(Composition.class, "encounter", "Encounter/" + id)).hasSize(1);

        UiClient.Response saved = doctor.post(path, Map.of("dienBien", "Sốt nhẹ, đã hết ho", "lyDoSua",
                "Ghi nhầm diễn biến của người bệnh giường bên"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        Composition original = store.read(Composition.class, signed.getIdPart(), null).orElseThrow();
        assertThat(original.getMeta().getVersionId()).isEqualTo(signed.getMeta().getVersionId());
        assertThat(original.getStatus()).isEqualTo(Composition.CompositionStatus.FINAL);
        Map<String, String> before = new HashMap<>();
        Fhir.readFields(original.getSection(), before);
        assertThat(before).containsEntry("dienBien", "Sốt nhẹ");

        List<Composition> replacing = find(Composition.class, "encounter", "Encounter/" + id).stream()
                .filter(c -> !c.getIdPart().equals(signed.getIdPart())).toList();
        assertThat(replacing).hasSize(1);
        Composition amendment = replacing.get(0);
        assertThat(amendment.getStatus()).isEqualTo(Composition.CompositionStatus.PRELIMINARY);
        Composition.CompositionRelatesToComponent relation = amendment.getRelatesToFirstRep();
        assertThat(relation.getCode()).isEqualTo(Composition.DocumentRelationshipType.REPLACES);
        assertThat(relation.getTargetReference().getReference()).isEqualTo("Composition/" + signed.getIdPart());
        assertThat(relation.getExtensionByUrl(DocumentAmendments.REASON_EXTENSION).getValue().primitiveValue())
                .isEqualTo("Ghi nhầm diễn biến của người bệnh giường bên");
        Map<String, String> after = new HashMap<>();
        Fhir.readFields(amendment.getSection(), after);
        assertThat(after).containsEntry("dienBien", "Sốt nhẹ, đã hết ho").containsEntry("ngay", before.get("ngay"));
        List<Provenance> trail = find(Provenance.class, "target", "Composition/" + amendment.getIdPart());
        assertThat(trail).hasSize(1);
        assertThat(trail.get(0).getReasonFirstRep().getText()).isEqualTo("Ghi nhầm diễn biến của người bệnh giường bên");
        assertThat(trail.get(0).getEntityFirstRep().getRole()).isEqualTo(Provenance.ProvenanceEntityRole.REVISION);
        assertThat(trail.get(0).getEntityFirstRep().getWhat().getReference())
                .isEqualTo("Composition/" + signed.getIdPart() + "/_history/" + signed.getMeta().getVersionId());

        String list = doctor.get("/noi-tru/" + id + "/to-dieu-tri").body();
        assertThat(list).contains("id=\"sheet-" + amendment.getIdPart() + "\"")
                .contains("id=\"corrected-" + amendment.getIdPart() + "\"")
                .doesNotContain("id=\"sheet-" + signed.getIdPart() + "\"");
        String history = doctor.get("/noi-tru/" + id + "/to-dieu-tri/" + amendment.getIdPart() + "/sua").body();
        assertThat(history).contains("class=\"history-written\"").contains("class=\"history-amendment\"")
                .contains("Ghi nhầm diễn biến của người bệnh giường bên")
                .contains("/tai-lieu/" + signed.getIdPart());
        String patient = original.getSubject().getReferenceElement().getIdPart();
        assertThat(doctor.get("/benh-nhan/" + patient + "/tai-lieu/" + signed.getIdPart()).body())
                .contains("Sốt nhẹ");
        UiClient.Response twice = doctor.post(path, Map.of("dienBien", "Lần sửa thứ hai", "lyDoSua",
                "Sửa bản cũ lần nữa"));
        assertThat(twice.status()).isEqualTo(422);
        assertThat(twice.body()).contains("VNEMR-6345");
    }

    @Test
    void aTransfer_closesTheOldBedOccupiesTheNewOneAndOpensANewDepartmentStay() {
        Ward own = new Ward(server);
        // a doctor of this test's own ward: the access matrix lets clinicians work only in their departments
        UiClient doctor = server.login(server.user(Role.DOCTOR, own.doctor, own.medicine, own.surgery));
        String patient = own.patient(server, "Trịnh Văn Chuyển", Enumerations.AdministrativeGender.MALE,
                LocalDate.of(1960, 6, 6));
        Map<String, String> admission = admission(patient, own.medicineBeds.get(0));
        admission.put("department", own.medicine);
        String id = admitAs(doctor, admission);

        UiClient.Response same = doctor.post("/noi-tru/" + id + "/chuyen-khoa", Map.of("department", own.medicine,
                "bed", own.medicineBeds.get(1), "at", now(60)));
        assertThat(same.status()).isEqualTo(422);
        assertThat(same.body()).contains("VNEMR-6325");
        UiClient.Response wrongBed = doctor.post("/noi-tru/" + id + "/chuyen-khoa", Map.of(
                "department", own.surgery, "bed", own.medicineBeds.get(1), "at", now(60)));
        assertThat(wrongBed.body()).contains("id=\"error-bed\"").contains("VNEMR-6303");
        assertThat(bed(own.medicineBeds.get(0)).getOperationalStatus().getCode()).isEqualTo("O");

        UiClient.Response moved = doctor.post("/noi-tru/" + id + "/chuyen-khoa", Map.of(
                "department", own.surgery, "bed", own.surgeryBeds.get(0), "at", now(60)));
        assertThat(moved.status()).as(moved.body()).isEqualTo(302);
        Encounter stay = store.read(Encounter.class, id, null).orElseThrow();
        assertThat(stay.getServiceProvider().getReference()).isEqualTo("Organization/" + own.surgery);
        assertThat(stay.getLocation()).hasSize(2);
        assertThat(stay.getLocation().get(0).getStatus()).isEqualTo(Encounter.EncounterLocationStatus.COMPLETED);
        assertThat(stay.getLocation().get(0).getPeriod().getEnd()).isNotNull();
        assertThat(stay.getLocation().get(1).getLocation().getReference())
                .isEqualTo("Location/" + own.surgeryBeds.get(0));
        assertThat(bed(own.medicineBeds.get(0)).getOperationalStatus().getCode()).isEqualTo("U");
        assertThat(bed(own.surgeryBeds.get(0)).getOperationalStatus().getCode()).isEqualTo("O");
        List<Encounter> parts = find(Encounter.class, "part-of", "Encounter/" + id);
        assertThat(parts).hasSize(2);
        assertThat(parts).filteredOn(p -> p.getStatus() == Encounter.EncounterStatus.FINISHED)
                .extracting(p -> p.getServiceProvider().getReference()).containsExactly("Organization/" + own.medicine);
        assertThat(parts).filteredOn(p -> p.getStatus() == Encounter.EncounterStatus.INPROGRESS)
                .extracting(p -> p.getServiceProvider().getReference()).containsExactly("Organization/" + own.surgery);
    }

    @Test
    void discharge_isRefusedWithoutAMainDiagnosisOrBeforeAdmission_thenEndsTheStayAndWritesTheDischargePaper() {
        Ward own = new Ward(server);
        // a doctor of this test's own ward: the access matrix lets clinicians work only in their departments
        UiClient doctor = server.login(server.user(Role.DOCTOR, own.doctor, own.medicine, own.surgery));
        String patient = own.patient(server, "Mai Thị Ra Viện", Enumerations.AdministrativeGender.FEMALE,
                LocalDate.of(1972, 12, 12));
        Map<String, String> admission = admission(patient, own.medicineBeds.get(0));
        admission.put("department", own.medicine);
        String id = admitAs(doctor, admission);

        Map<String, String> form = new HashMap<>();
        form.put("chanDoanChinh", "");
        form.put("thoiGianRa", now(600));
        form.put("ketQua", "1");
        form.put("loaiRaVien", "1");
        form.put("ppDieuTri", "Nội khoa");
        form.put("loiDan", "Uống thuốc đủ liều");
        UiClient.Response refused = doctor.post("/noi-tru/" + id + "/ra-vien", form);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"error-chanDoanChinh\"").contains("VNEMR-6326")
                .contains("id=\"error-thoiGianRa\"").contains("VNEMR-6327").contains("Uống thuốc đủ liều");
        assertThat(store.read(Encounter.class, id, null).orElseThrow().getStatus())
                .isEqualTo(Encounter.EncounterStatus.INPROGRESS);
        assertThat(bed(own.medicineBeds.get(0)).getOperationalStatus().getCode()).isEqualTo("O");

        form.put("chanDoanChinh", "J18.9");
        form.put("chanDoanChinhText", "Viêm phổi thùy dưới phải");
        form.put("chanDoanKemTheo", "I10, E11.9");
        form.put("thoiGianRa", now(5));
        form.put("soNgayNghi", "5");
        form.put("nghiTuNgay", LocalDate.now(Fhir.ZONE).toString());
        form.put("nghiDenNgay", LocalDate.now(Fhir.ZONE).plusDays(4).toString());
        UiClient.Response done = doctor.post("/noi-tru/" + id + "/ra-vien", form);
        assertThat(done.status()).as(done.body()).isEqualTo(302);
        Encounter stay = store.read(Encounter.class, id, null).orElseThrow();
        assertThat(stay.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
        assertThat(stay.getPeriod().getEnd()).isNotNull();
        assertThat(stay.getHospitalization().getDischargeDisposition().getCodingFirstRep().getCode()).isEqualTo("1");
        assertThat(((org.hl7.fhir.r4.model.Coding) stay.getExtensionByUrl(Fhir.TREATMENT_OUTCOME_EXT).getValue())
                .getCode()).isEqualTo("1");
        assertThat(stay.getDiagnosis()).filteredOn(d -> "DD".equals(d.getUse().getCodingFirstRep().getCode()))
                .extracting(d -> d.getRank()).containsExactly(1, 2, 3);
        assertThat(bed(own.medicineBeds.get(0)).getOperationalStatus().getCode()).isEqualTo("U");
        Composition paper = store.search(Composition.class, Map.of("encounter", List.of("Encounter/" + id),
                "type", List.of(Fhir.DOCUMENT_TYPE + "|giay-ra-vien")), null).get(0);
        Map<String, String> xml7 = new HashMap<>();
        Fhir.readFields(paper.getSection(), xml7);
        assertThat(xml7).containsEntry("MA_KHOA_RV", "K01").containsEntry("PP_DIEUTRI", "Nội khoa")
                .containsEntry("MA_BENH_CHINH", "J18.9").containsEntry("MA_BENH_KT", "I10;E11.9")
                .containsEntry("SO_NGAY_NGHI", "5").containsEntry("MA_LK", Fhir.identifier(stay.getIdentifier(),
                        Fhir.MA_LK)).containsKeys("NGAY_VAO", "NGAY_RA", "NGAY_CT", "CHAN_DOAN_RV", "MA_YTE",
                        "TEN_BS", "MA_BS");
        assertThat(xml7.get("NGAY_RA")).hasSize(12);
        String summary = doctor.get("/noi-tru/" + id + "/ra-vien").body();
        assertThat(summary).contains("Giấy ra viện").contains("Viêm phổi thùy dưới phải")
                .contains("/in/giay-ra-vien/" + paper.getIdPart() + ".pdf");
        UiClient.Response twice = doctor.post("/noi-tru/" + id + "/ra-vien", form);
        assertThat(twice.status()).isEqualTo(422);
        assertThat(twice.body()).contains("VNEMR-6335");
    }

    @Test
    void aPageForSomethingThatIsNotAStay_isNotFound() {
        UiClient doctor = server.login(doctorLogin);
        assertThat(doctor.get("/noi-tru/khong-co/benh-an").status()).isEqualTo(404);
        UiClient.Response noTerminology = doctor.get("/noi-tru/icd?icd=J18");
        assertThat(noTerminology.status()).isEqualTo(200);
        assertThat(noTerminology.body()).doesNotContain("<option");
    }

    static String admitAs(UiClient doctor, Map<String, String> form) {
        UiClient.Response answer = doctor.post("/noi-tru/nhap-vien", form);
        assertThat(answer.status()).as(answer.body()).isEqualTo(302);
        return answer.header("Location").replaceAll(".*/noi-tru/([^/]+)/benh-an.*", "$1");
    }
}

package org.vnemr.emr.outpatient;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.emr.testing.EmrTestServer;
import org.vnemr.emr.testing.UiClient;
import org.vnemr.platform.access.Role;
import org.vnemr.terminology.TerminologyConfiguration;
import org.vnemr.terminology.catalogue.CatalogueConfiguration;
import org.vnemr.vncore.VnCoreConfiguration;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outpatient screens over HTTP on a real store with ICD-10 VN and the sample service catalogue: each section
 * stores what the clinical-data contract says when the input is good, and refuses bad input next to its field with
 * the typed value kept and nothing stored.
 */
class OutpatientVisitIT {

    static EmrTestServer server;
    static OutpatientFixture fixture;
    static UiClient doctor;

    @BeforeAll
    static void start() throws Exception {
        server = EmrTestServer.start(List.of(TerminologyConfiguration.class, CatalogueConfiguration.class,
                VnCoreConfiguration.class));
        fixture = new OutpatientFixture(server).setUp();
        doctor = server.login(server.user(Role.DOCTOR, OutpatientFixture.DOCTOR, "khoa-kham-benh"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String visitInProgress(String name) {
        String visit = fixture.waitingPatient(name);
        assertThat(doctor.post("/kham-benh/" + visit + "/goi-kham", Map.of()).status()).isEqualTo(302);
        return visit;
    }

    private static <T extends Resource> List<T> ofVisit(Class<T> type, String visit) {
        return server.store().search(type, Map.of("encounter", List.of("Encounter/" + visit)), null);
    }

    @Test
    void theRoomQueue_listsWaitingPatientsAndCallingStartsTheVisitWithTheDoctorAttending() {
        String visit = fixture.waitingPatient("Lê Thị Hàng Đợi");
        UiClient.Response page = doctor.get("/kham-benh?phong=" + OutpatientFixture.ROOM);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Phòng khám Nội 1").contains("Lê Thị Hàng Đợi").contains("call-" + visit)
                .contains("hx-trigger=\"every 20s\"");
        assertThat(doctor.get("/kham-benh/hang-doi?phong=" + OutpatientFixture.ROOM).body())
                .contains("Lê Thị Hàng Đợi");

        UiClient.Response called = doctor.post("/kham-benh/" + visit + "/goi-kham", Map.of());
        assertThat(called.status()).isEqualTo(302);
        assertThat(called.header("Location")).endsWith("/kham-benh/" + visit);
        Encounter e = server.store().read(Encounter.class, visit, null).orElseThrow();
        assertThat(e.getStatus()).isEqualTo(Encounter.EncounterStatus.INPROGRESS);
        assertThat(e.getParticipant()).anySatisfy(p -> {
            assertThat(p.getIndividual().getReference()).isEqualTo("Practitioner/" + OutpatientFixture.DOCTOR);
            assertThat(p.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("ATND");
        });
    }

    @Test
    void theVisitPage_showsThePatientBannerWithAgeAllergiesAndCard() {
        String visit = visitInProgress("Phạm Thị Băng");
        UiClient.Response page = doctor.get("/kham-benh/" + visit);
        assertThat(page.status()).isEqualTo(200);
        int age = java.time.Period.between(LocalDate.of(2001, 5, 10), LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")))
                .getYears();
        assertThat(page.body()).contains("Phạm Thị Băng").contains(age + " tuổi").contains("Nữ")
                .contains("079******345").contains("Penicillin").contains("HT4790123456789").contains("mức hưởng 80%")
                .contains("/kham-benh/" + visit + "/don-thuoc");
    }

    @Test
    void theVisitPage_speaksEnglishWhenAsked() {
        String visit = visitInProgress("Hồ Thị Ngôn Ngữ");
        UiClient english = server.login(server.user(Role.DOCTOR, OutpatientFixture.DOCTOR, "khoa-kham-benh"));
        UiClient.Response page = english.get("/kham-benh/" + visit + "?lang=en");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Vital signs").contains("Pulse (lần/phút)").contains("Save diagnosis")
                .contains("End the visit");
    }

    @Test
    void anUnknownVisit_isA404PageNotATrace() {
        UiClient.Response page = doctor.get("/kham-benh/khong-co");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("VNEMR-6200");
    }

    @Test
    void goodVitalSigns_areStoredAsLoincObservationsWithBmiAndUnusualOnesWarned() {
        String visit = visitInProgress("Vũ Thị Sinh Hiệu");
        Map<String, String> form = new HashMap<>(Map.of("pulse", "88", "systolic", "150", "diastolic", "95",
                "temperature", "38,5", "respiration", "20", "weight", "60", "height", "160", "spo2", "97"));
        UiClient.Response answer = doctor.post("/kham-benh/" + visit + "/sinh-hieu", form);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("id=\"vitals-saved\"").contains("Nhiệt độ cao")
                .contains("Huyết áp tâm thu cao").contains("23.4 kg/m²");
        List<Observation> stored = ofVisit(Observation.class, visit);
        assertThat(stored).extracting(o -> o.getCode().getCodingFirstRep().getCode())
                .containsExactlyInAnyOrder("8867-4", "85354-9", "8310-5", "9279-1", "29463-7", "8302-2", "59408-5",
                        "39156-5");
        Observation bp = stored.stream().filter(o -> o.getCode().hasCoding("http://loinc.org", "85354-9"))
                .findFirst().orElseThrow();
        assertThat(bp.getComponent()).extracting(c -> c.getCode().getCodingFirstRep().getCode() + "="
                + c.getValueQuantity().getValue().toPlainString() + c.getValueQuantity().getCode())
                .containsExactly("8480-6=150mm[Hg]", "8462-4=95mm[Hg]");
        Observation temperature = stored.stream().filter(o -> o.getCode().hasCoding("http://loinc.org", "8310-5"))
                .findFirst().orElseThrow();
        assertThat(temperature.getValueQuantity().getValue()).isEqualByComparingTo("38.5");
        assertThat(temperature.getValueQuantity().getCode()).isEqualTo("Cel");
        assertThat(temperature.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("vital-signs");
        assertThat(temperature.getPerformerFirstRep().getReference()).isEqualTo("Practitioner/bs-an");
    }

    @Test
    void anImpossibleTemperature_isRefusedNextToItsFieldWithTheTypedValuesKeptAndNothingStored() {
        String visit = visitInProgress("Đỗ Thị Nhiệt");
        UiClient.Response answer = doctor.post("/kham-benh/" + visit + "/sinh-hieu",
                Map.of("pulse", "80", "temperature", "50"));
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body()).contains("id=\"error-temperature\"").contains("VNEMR-6202")
                .contains("Nhiệt độ phải trong khoảng 30–45 °C").contains("value=\"50\"").contains("value=\"80\"");
        assertThat(ofVisit(Observation.class, visit)).isEmpty();
    }

    @Test
    void aDiastolicNotBelowTheSystolic_andAHalfBloodPressure_areRefused() {
        String visit = visitInProgress("Ngô Thị Huyết Áp");
        UiClient.Response inverted = doctor.post("/kham-benh/" + visit + "/sinh-hieu",
                Map.of("systolic", "90", "diastolic", "120"));
        assertThat(inverted.status()).isEqualTo(422);
        assertThat(inverted.body()).contains("id=\"error-diastolic\"").contains("VNEMR-6204");
        UiClient.Response half = doctor.post("/kham-benh/" + visit + "/sinh-hieu", Map.of("systolic", "120"));
        assertThat(half.body()).contains("id=\"error-diastolic\"").contains("VNEMR-6205");
        UiClient.Response text = doctor.post("/kham-benh/" + visit + "/sinh-hieu", Map.of("pulse", "tám mươi"));
        assertThat(text.body()).contains("id=\"error-pulse\"").contains("VNEMR-6203");
        UiClient.Response nothing = doctor.post("/kham-benh/" + visit + "/sinh-hieu", Map.of());
        assertThat(nothing.body()).contains("id=\"error-vitals\"").contains("VNEMR-6206");
        assertThat(ofVisit(Observation.class, visit)).isEmpty();
    }

    @Test
    void theExamination_isThePreliminaryPhieuKhamWithOneSectionPerNote() {
        String visit = visitInProgress("Trịnh Thị Khám");
        UiClient.Response refused = doctor.post("/kham-benh/" + visit + "/kham",
                Map.of("reason", " ", "history", "Ho khan 3 ngày"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"error-reason\"").contains("Ho khan 3 ngày");
        assertThat(ofVisit(Composition.class, visit)).isEmpty();

        UiClient.Response saved = doctor.post("/kham-benh/" + visit + "/kham", Map.of("reason", "Ho, sốt",
                "history", "Ho khan 3 ngày\nSốt về chiều", "pastHistory", "Khoẻ", "examGeneral", "Tỉnh, tiếp xúc tốt",
                "examSystems", "Phổi ran nổ đáy phải", "summary", "Hội chứng nhiễm trùng hô hấp dưới"));
        assertThat(saved.status()).isEqualTo(200);
        List<Composition> documents = ofVisit(Composition.class, visit);
        assertThat(documents).hasSize(1);
        Composition record = documents.get(0);
        assertThat(record.getType().getCodingFirstRep().getCode()).isEqualTo("phieu-kham");
        assertThat(record.getStatus()).isEqualTo(Composition.CompositionStatus.PRELIMINARY);
        assertThat(record.getSection()).extracting(s -> s.getCode().getCodingFirstRep().getCode())
                .containsExactly("ly-do-kham", "benh-su", "tien-su", "kham-toan-than", "kham-cac-co-quan", "tom-tat");
        assertThat(Narrative.text(record.getSection().get(1).getText())).isEqualTo("Ho khan 3 ngày\nSốt về chiều");
        assertThat(server.store().read(Encounter.class, visit, null).orElseThrow().getReasonCodeFirstRep().getText())
                .isEqualTo("Ho, sốt");
        // saving again updates the same record
        doctor.post("/kham-benh/" + visit + "/kham", Map.of("reason", "Ho, sốt cao"));
        assertThat(ofVisit(Composition.class, visit)).hasSize(1);
        assertThat(doctor.get("/kham-benh/" + visit).body()).contains("Ho, sốt cao");
    }

    @Test
    void theIcdPicker_findsVietnameseNamesTypedWithoutDiacritics() {
        UiClient.Response hits = doctor.get("/kham-benh/icd?q=viem+phoi&field=mainCode");
        assertThat(hits.status()).isEqualTo(200);
        assertThat(hits.body()).contains("Viêm phổi").contains("data-code=\"J18");
        assertThat(doctor.get("/kham-benh/icd?q=J18.9").body()).contains("J18.9 — ");
    }

    @Test
    void diagnoses_areConditionsRankedOnTheEncounterAndASecondSaveReplacesTheList() {
        String visit = visitInProgress("Hoàng Thị Chẩn Đoán");
        UiClient.Response saved = doctor.post("/kham-benh/" + visit + "/chan-doan", Map.of("mainCode", "j18.9",
                "mainText", "Viêm phổi thùy dưới phải", "secondaryCodes", "I10, E11.9", "yhctCode", "U50.491",
                "yhctText", "Khái thấu"));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body()).contains("J18.9").contains("I10").contains("E11.9");
        Encounter e = server.store().read(Encounter.class, visit, null).orElseThrow();
        assertThat(e.getDiagnosis()).extracting(Encounter.DiagnosisComponent::getRank).containsExactly(1, 2, 3);
        List<Condition> conditions = ofVisit(Condition.class, visit);
        assertThat(conditions).hasSize(3);
        Condition main = conditions.stream().filter(c -> ("Condition/" + c.getIdElement().getIdPart())
                .equals(e.getDiagnosisFirstRep().getCondition().getReference())).findFirst().orElseThrow();
        assertThat(main.getCode().getCoding()).extracting(c -> c.getSystem() + "|" + c.getCode())
                .containsExactly(VisitCodes.CS_ICD10 + "|J18.9", VisitCodes.CS_YHCT + "|U50.491");
        assertThat(main.getCode().getText()).isEqualTo("Viêm phổi thùy dưới phải");
        assertThat(main.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("encounter-diagnosis");

        doctor.post("/kham-benh/" + visit + "/chan-doan", Map.of("mainCode", "J18.9"));
        Encounter again = server.store().read(Encounter.class, visit, null).orElseThrow();
        assertThat(again.getDiagnosis()).hasSize(1);
        assertThat(ofVisit(Condition.class, visit)).filteredOn(c -> c.getVerificationStatus().getCodingFirstRep()
                .getCode().equals("entered-in-error")).hasSize(2);
    }

    @Test
    void anUnknownCodeAndAMissingMainDiagnosis_areRefusedNextToTheirField() {
        String visit = visitInProgress("Lý Thị Sai Mã");
        UiClient.Response unknown = doctor.post("/kham-benh/" + visit + "/chan-doan", Map.of("mainCode", "X99.99",
                "secondaryCodes", "I10"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body()).contains("id=\"error-mainCode\"").contains("VNEMR-6209").contains("value=\"X99.99\"");
        UiClient.Response missing = doctor.post("/kham-benh/" + visit + "/chan-doan", Map.of("secondaryCodes", "I10"));
        assertThat(missing.body()).contains("id=\"error-mainCode\"").contains("VNEMR-6210");
        assertThat(ofVisit(Condition.class, visit)).isEmpty();
    }

    @Test
    void aPregnancyCodeForAMan_isRefusedByTheStoreWithItsVietnameseTextNextToTheCode() {
        String visit = fixture.waitingPatient("Mai Văn Giới Tính", true);
        doctor.post("/kham-benh/" + visit + "/goi-kham", Map.of());
        UiClient.Response refused = doctor.post("/kham-benh/" + visit + "/chan-doan", Map.of("mainCode", "O80"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"error-mainCode\"").contains("chỉ dùng cho người bệnh nữ").contains("value=\"O80\"");
        assertThat(ofVisit(Condition.class, visit)).isEmpty();
        assertThat(server.store().read(Encounter.class, visit, null).orElseThrow().getDiagnosis()).isEmpty();
    }

    @Test
    void anOrderSlip_isOneRequisitionOfServiceRequestsCategorisedFromTheCatalogue() {
        String visit = visitInProgress("Châu Thị Chỉ Định");
        assertThat(doctor.get("/kham-benh/dich-vu?q=tong+phan+tich").body()).contains("22.0120.1370")
                .contains("Xét nghiệm");
        UiClient.Response refused = doctor.post("/kham-benh/" + visit + "/chi-dinh",
                Map.of("serviceCode", "99.9999.9999", "quantity", "1"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("VNEMR-6212").contains("99.9999.9999");
        assertThat(doctor.post("/kham-benh/" + visit + "/chi-dinh", Map.of()).body()).contains("VNEMR-6214");
        assertThat(ofVisit(ServiceRequest.class, visit)).isEmpty();

        UiClient.Response saved = doctor.send(form("/kham-benh/" + visit + "/chi-dinh",
                "serviceCode=22.0120.1370&quantity=1&serviceCode=18.0068.0028&quantity=1"));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body()).contains("/in/phieu-chi-dinh/CD");
        List<ServiceRequest> orders = ofVisit(ServiceRequest.class, visit);
        assertThat(orders).hasSize(2);
        assertThat(orders).extracting(r -> r.getRequisition().getValue()).containsOnly(
                orders.get(0).getRequisition().getValue());
        assertThat(orders).extracting(r -> r.getCode().getCodingFirstRep().getCode() + ":"
                        + r.getCategoryFirstRep().getCodingFirstRep().getCode())
                .containsExactlyInAnyOrder("22.0120.1370:108252007", "18.0068.0028:363679005");
        assertThat(orders.get(0).getRequisition().getSystem()).isEqualTo(VisitCodes.SID_REQUISITION);
        assertThat(orders.get(0).getRequester().getReference()).isEqualTo("Practitioner/bs-an");
    }

    @Test
    void aResultEntered_completesTheOrderAndShowsOnTheVisitWithItsFlag() {
        String visit = visitInProgress("Tạ Thị Kết Quả");
        doctor.send(form("/kham-benh/" + visit + "/chi-dinh", "serviceCode=23.0003.1494&quantity=1"));
        ServiceRequest order = ofVisit(ServiceRequest.class, visit).get(0);
        String id = order.getIdElement().getIdPart();
        UiClient lab = server.login(server.user(Role.LAB_TECHNICIAN, null));
        assertThat(lab.get("/can-lam-sang").body()).contains("enter-" + id);
        UiClient.Response refused = lab.post("/can-lam-sang/" + id, Map.of("value", "", "low", "abc"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"error-value\"").contains("id=\"error-low\"");
        assertThat(ofVisit(DiagnosticReport.class, visit)).isEmpty();

        UiClient.Response saved = lab.post("/can-lam-sang/" + id, Map.of("value", "8,2", "unit", "mmol/L",
                "low", "3.9", "high", "6.4"));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(server.store().read(ServiceRequest.class, id, null).orElseThrow().getStatus())
                .isEqualTo(ServiceRequest.ServiceRequestStatus.COMPLETED);
        DiagnosticReport report = ofVisit(DiagnosticReport.class, visit).get(0);
        assertThat(report.getBasedOnFirstRep().getReference()).isEqualTo("ServiceRequest/" + id);
        String body = doctor.get("/kham-benh/" + visit).body();
        assertThat(body).contains("id=\"results-table\"").contains("8.2").contains("mmol/L").contains("3.9 – 6.4")
                .contains(">H<");
    }

    @Test
    void finishing_needsAMainDiagnosisAndAReVisitDateFromTomorrow() {
        String visit = visitInProgress("Quách Thị Kết Luận");
        UiClient.Response noDiagnosis = doctor.post("/kham-benh/" + visit + "/ket-luan",
                Map.of("outcome", "2", "disposition", "finish"));
        assertThat(noDiagnosis.status()).isEqualTo(422);
        assertThat(noDiagnosis.body()).contains("id=\"error-mainDiagnosis\"").contains("VNEMR-6219");
        doctor.post("/kham-benh/" + visit + "/chan-doan", Map.of("mainCode", "J18.9"));
        UiClient.Response today = doctor.post("/kham-benh/" + visit + "/ket-luan", Map.of("outcome", "2",
                "disposition", "revisit", "revisitDate", LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).toString()));
        assertThat(today.body()).contains("id=\"error-revisitDate\"").contains("VNEMR-6216");
        UiClient.Response noOutcome = doctor.post("/kham-benh/" + visit + "/ket-luan", Map.of("disposition",
                "finish"));
        assertThat(noOutcome.body()).contains("id=\"error-outcome\"");
        assertThat(server.store().read(Encounter.class, visit, null).orElseThrow().getStatus())
                .isEqualTo(Encounter.EncounterStatus.INPROGRESS);
    }

    @Test
    void aReVisitAppointment_endsTheVisitWithTheSlipAndFinalRecord() {
        String visit = visitInProgress("Kiều Thị Hẹn");
        doctor.post("/kham-benh/" + visit + "/chan-doan", Map.of("mainCode", "J18.9"));
        String day = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(7).toString();
        UiClient.Response saved = doctor.post("/kham-benh/" + visit + "/ket-luan", Map.of("outcome", "2",
                "advice", "Uống thuốc đủ 7 ngày", "disposition", "revisit", "revisitDate", day));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body()).contains("/in/giay-hen-kham-lai/");
        Encounter e = server.store().read(Encounter.class, visit, null).orElseThrow();
        assertThat(e.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
        assertThat(e.getPeriod().hasEnd()).isTrue();
        assertThat(e.getHospitalization().getDischargeDisposition().getCodingFirstRep().getCode()).isEqualTo("1");
        List<Composition> documents = ofVisit(Composition.class, visit);
        assertThat(documents).extracting(c -> c.getType().getCodingFirstRep().getCode() + ":" + c.getStatus().toCode())
                .containsExactlyInAnyOrder("phieu-kham:final", "giay-hen-kham-lai:final");
        Composition slip = documents.stream().filter(c -> c.getType().getCodingFirstRep().getCode()
                .equals("giay-hen-kham-lai")).findFirst().orElseThrow();
        String appointmentId = slip.getSectionFirstRep().getEntryFirstRep().getReferenceElement().getIdPart();
        Appointment a = server.store().read(Appointment.class, appointmentId, null).orElseThrow();
        assertThat(a.getAppointmentType().getText()).isEqualTo("tai-kham");
        assertThat(a.getDescription()).isEqualTo("Uống thuốc đủ 7 ngày");
        assertThat(a.getStart().toInstant().atZone(ZoneId.of("Asia/Ho_Chi_Minh")).toLocalDate().toString())
                .isEqualTo(day);
        assertThat(((org.hl7.fhir.r4.model.Reference) a.getExtensionByUrl(VisitCodes.EXT_SOURCE_ENCOUNTER)
                .getValue()).getReference()).isEqualTo("Encounter/" + visit);
        // the visit is closed now
        UiClient.Response late = doctor.post("/kham-benh/" + visit + "/sinh-hieu", Map.of("pulse", "80"));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.body()).contains("VNEMR-6201");
    }

    @Test
    void aReferral_needsAValidFacilityCodeAndWritesOrderTaskAndPaper() {
        String visit = visitInProgress("Lạc Thị Chuyển");
        doctor.post("/kham-benh/" + visit + "/chan-doan", Map.of("mainCode", "J18.9"));
        Map<String, String> form = new HashMap<>(Map.of("outcome", "3", "disposition", "referral",
                "facilityCode", "1234", "facilityName", "Bệnh viện Chợ Rẫy", "referralReason",
                "Vượt khả năng chuyên môn", "clinicalSummary", "Sốt cao, khó thở", "treatmentGiven",
                "Kháng sinh", "transport", "Xe cứu thương"));
        UiClient.Response refused = doctor.post("/kham-benh/" + visit + "/ket-luan", form);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"error-facilityCode\"").contains("VNEMR-3020")
                .contains("value=\"1234\"");
        assertThat(ofVisit(Task.class, visit)).isEmpty();

        form.put("facilityCode", "79071");
        UiClient.Response saved = doctor.post("/kham-benh/" + visit + "/ket-luan", form);
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body()).contains("/in/giay-chuyen-tuyen/");
        ServiceRequest referral = ofVisit(ServiceRequest.class, visit).get(0);
        assertThat(referral.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("3457005");
        assertThat(referral.getPerformerFirstRep().getIdentifier().getValue()).isEqualTo("79071");
        assertThat(referral.getSupportingInfoFirstRep().getReference()).startsWith("Composition/");
        assertThat(ofVisit(Task.class, visit)).hasSize(1);
        Encounter e = server.store().read(Encounter.class, visit, null).orElseThrow();
        assertThat(e.getHospitalization().getDischargeDisposition().getCodingFirstRep().getCode()).isEqualTo("2");
        assertThat(e.getExtensionByUrl(VisitCodes.EXT_TREATMENT_OUTCOME)).isNotNull();
    }

    @Test
    void anAdmission_isAnOrderToTheChosenDepartment() {
        String visit = visitInProgress("Đinh Thị Nhập Viện");
        doctor.post("/kham-benh/" + visit + "/chan-doan", Map.of("mainCode", "J18.9"));
        UiClient.Response refused = doctor.post("/kham-benh/" + visit + "/ket-luan", Map.of("outcome", "4",
                "disposition", "admission", "departmentId", "khong-co"));
        assertThat(refused.body()).contains("id=\"error-departmentId\"");
        UiClient.Response saved = doctor.post("/kham-benh/" + visit + "/ket-luan", Map.of("outcome", "4",
                "disposition", "admission", "departmentId", OutpatientFixture.WARD));
        assertThat(saved.status()).isEqualTo(200);
        ServiceRequest admission = ofVisit(ServiceRequest.class, visit).get(0);
        assertThat(admission.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("32485007");
        assertThat(admission.getPerformerFirstRep().getReference()).isEqualTo("Organization/" + OutpatientFixture.WARD);
    }

    private static java.net.http.HttpRequest.Builder form(String path, String body) {
        return java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.root() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-CSRF-Token", doctor.csrf())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
    }
}

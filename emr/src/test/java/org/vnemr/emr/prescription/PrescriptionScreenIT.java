package org.vnemr.emr.prescription;

import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.emr.testing.EmrTestServer;
import org.vnemr.emr.testing.UiClient;
import org.vnemr.platform.access.Role;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kê đơn over real HTTP on the embedded database: saving stores lines, document and code together; warnings stop
 * the save until acknowledged; bad lines are refused next to their fields with what was typed kept and nothing
 * stored; the pharmacy hands the prescription out.
 */
class PrescriptionScreenIT {

    static EmrTestServer server;
    static UiClient doctor;

    @BeforeAll
    static void start() {
        server = PrescriptionFixtures.start();
        String practitioner = PrescriptionFixtures.practitioner(server, "BS. Trần Thị Bình");
        doctor = server.login(server.user(Role.DOCTOR, practitioner));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Map<String, String> line(int i, String drug, String dose, String times, String days) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("lines[" + i + "].drug", drug);
        form.put("lines[" + i + "].dose", dose);
        form.put("lines[" + i + "].timesPerDay", times);
        form.put("lines[" + i + "].days", days);
        form.put("lines[" + i + "].route", "1.01");
        return form;
    }

    @Test
    void theDrugSearch_findsByFoldedIngredientFromTheCatalogueInForce() {
        String[] visit = PrescriptionFixtures.visit(server, "Lê Văn Tìm");
        UiClient.Response answer = doctor.get("/kham-benh/" + visit[1] + "/don-thuoc/thuoc?q=PARACETAMOL");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("Paracetamol 500mg").contains("Paracetamol 1g/100ml")
                .contains("id=\"add-40.48\"").doesNotContain("Amoxicilin");
        assertThat(doctor.get("/kham-benh/" + visit[1] + "/don-thuoc/thuoc?q=amoxi").body())
                .contains("Amoxicilin 500mg").contains("1.250 đ");
    }

    @Test
    void savingAPrescription_storesLinesDocumentAndNationalCodeTogether() {
        String[] visit = PrescriptionFixtures.visit(server, "Nguyễn Thị Lưu");
        Map<String, String> form = new LinkedHashMap<>(line(0, "40.17", "1", "2", "7"));
        form.putAll(line(1, "40.48", "", "", "5"));
        form.put("lines[1].morning", "1");
        form.put("lines[1].evening", "1/2");
        form.put("lines[1].note", "sau ăn");
        form.put("type", "thuong");
        form.put("advice", "Uống nhiều nước");
        UiClient.Response answer = doctor.post("/kham-benh/" + visit[1] + "/don-thuoc", form);
        assertThat(answer.status()).as(answer.body()).isEqualTo(302);
        String compositionId = answer.header("Location").replaceAll(".*/don-thuoc/", "");

        List<MedicationRequest> lines = PrescriptionFixtures.requestsOf(server, visit[1]);
        assertThat(lines).hasSize(2);
        String code = lines.get(0).getGroupIdentifier().getValue();
        assertThat(PrescriptionCode.isValid(code)).isTrue();
        assertThat(code).startsWith(PrescriptionFixtures.FACILITY).endsWith("-c");
        assertThat(lines).allSatisfy(mr -> {
            assertThat(mr.getGroupIdentifier().getValue()).isEqualTo(code);
            assertThat(mr.getGroupIdentifier().getSystem()).isEqualTo(PrescriptionService.GROUP_SYSTEM);
            assertThat(mr.getCourseOfTherapyType().getText()).isEqualTo("thuong");
            assertThat(mr.getRequester().getReference()).startsWith("Practitioner/");
        });
        MedicationRequest amox = lines.stream().filter(mr -> mr.getMedicationCodeableConcept().getCodingFirstRep()
                .getCode().equals("40.17")).findFirst().orElseThrow();
        assertThat(amox.getDispenseRequest().getQuantity().getValue()).isEqualByComparingTo("14");
        assertThat(amox.getDosageInstructionFirstRep().getTiming().getRepeat().getFrequency()).isEqualTo(2);
        assertThat(amox.getDosageInstructionFirstRep().getRoute().getCodingFirstRep().getCode()).isEqualTo("1.01");
        MedicationRequest para = lines.stream().filter(mr -> mr != amox).findFirst().orElseThrow();
        // sáng 1 + tối ½ = 1,5 viên/ngày × 5 ngày = 7,5 → 8 viên
        assertThat(para.getDispenseRequest().getQuantity().getValue()).isEqualByComparingTo("8");
        assertThat(para.getDosageInstructionFirstRep().getText()).contains("sáng 1 Viên").contains("tối 0.5 Viên")
                .contains("sau ăn");

        Composition document = server.store().read(Composition.class, compositionId, null).orElseThrow();
        assertThat(document.getStatus()).isEqualTo(Composition.CompositionStatus.FINAL);
        assertThat(document.getType().getCodingFirstRep().getCode()).isEqualTo("don-thuoc");
        assertThat(document.getIdentifier().getValue()).isEqualTo(code);
        assertThat(document.getSectionFirstRep().getEntry()).hasSize(2);

        UiClient.Response summary = doctor.get(answer.header("Location").replaceAll("^https?://[^/]+", ""));
        assertThat(summary.body()).contains(code).contains("/in/don-thuoc/" + compositionId + ".pdf");
    }

    @Test
    void aDuplicateIngredient_stopsTheSaveUntilAcknowledged() {
        String[] visit = PrescriptionFixtures.visit(server, "Phạm Văn Trùng");
        Map<String, String> form = new LinkedHashMap<>(line(0, "40.48", "1", "3", "3"));
        form.putAll(line(1, "40.49", "1", "1", "1"));
        UiClient.Response refused = doctor.post("/kham-benh/" + visit[1] + "/don-thuoc", form);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"warning-duplicate_ingredient-1\"").contains("VNEMR-6257")
                .contains("value=\"40.49\"");
        assertThat(PrescriptionFixtures.requestsOf(server, visit[1])).isEmpty();

        form.put("acknowledge", "true");
        assertThat(doctor.post("/kham-benh/" + visit[1] + "/don-thuoc", form).status()).isEqualTo(302);
        assertThat(PrescriptionFixtures.requestsOf(server, visit[1])).hasSize(2);
    }

    @Test
    void thePrescriber_seesTheAllergiesInTheBannerOnTheFormAndOnARefusedForm() {
        String[] visit = PrescriptionFixtures.visit(server, "Lâm Thị Băng", "Dị ứng cephalosporin");
        String allergies = "id=\"banner-allergies\"[^>]*class=\"allergy\"[^>]*>\\s*Dị ứng:\\s*"
                + "<span>Dị ứng cephalosporin</span>";
        UiClient.Response form = doctor.get("/kham-benh/" + visit[1] + "/don-thuoc");
        assertThat(form.body()).contains("id=\"patient-banner\"").containsPattern(allergies)
                .containsPattern("id=\"banner-name\">Lâm Thị Băng<");
        UiClient.Response refused = doctor.post("/kham-benh/" + visit[1] + "/don-thuoc",
                line(0, "40.17", "", "2", "5"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).containsPattern(allergies);
    }

    @Test
    void aDrugThePatientIsAllergicTo_isWarnedAbout() {
        String[] visit = PrescriptionFixtures.visit(server, "Đỗ Thị Dị Ứng", "Dị ứng amoxicilin");
        UiClient.Response page = doctor.get("/kham-benh/" + visit[1] + "/don-thuoc");
        assertThat(page.body()).contains("Dị ứng amoxicilin");
        UiClient.Response refused = doctor.post("/kham-benh/" + visit[1] + "/don-thuoc",
                line(0, "40.17", "1", "2", "5"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"warning-allergy-0\"");
        assertThat(PrescriptionFixtures.requestsOf(server, visit[1])).isEmpty();
    }

    @Test
    void badLines_areRefusedNextToTheirFieldsWithWhatWasTypedAndNothingStored() {
        String[] visit = PrescriptionFixtures.visit(server, "Vũ Văn Sai");
        Map<String, String> form = new LinkedHashMap<>(line(0, "40.17", "", "2", "0"));
        form.putAll(line(1, "99.999", "1", "2", "3"));
        form.putAll(line(2, "40.21", "abc", "2", "31"));
        UiClient.Response refused = doctor.post("/kham-benh/" + visit[1] + "/don-thuoc", form);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body())
                .contains("id=\"error-line-0-dose\"").contains("id=\"error-line-0-days\"")
                .contains("id=\"error-line-1-drug\"").contains("VNEMR-6250")
                .contains("id=\"error-line-2-dose\"").contains("value=\"abc\"")
                .contains("id=\"error-line-2-days\"").contains("VNEMR-6254").contains("value=\"31\"");
        assertThat(PrescriptionFixtures.requestsOf(server, visit[1])).isEmpty();

        UiClient.Response empty = doctor.post("/kham-benh/" + visit[1] + "/don-thuoc", Map.of("type", "thuong"));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.body()).contains("id=\"error-lines\"").contains("VNEMR-6256");
    }

    @Test
    void aNarcoticPrescription_allowsAtMostSevenDays_butAnInpatientOrderIsNotLimited() {
        String[] visit = PrescriptionFixtures.visit(server, "Hoàng Văn Giới Hạn");
        Map<String, String> form = new LinkedHashMap<>(line(0, "40.48", "1", "2", "8"));
        form.put("type", "gay-nghien");
        assertThat(doctor.post("/kham-benh/" + visit[1] + "/don-thuoc", form).body())
                .contains("id=\"error-line-0-days\"").contains("tối đa 7 ngày");
        Map<String, String> inpatient = line(0, "40.48", "1", "2", "45");
        UiClient.Response saved = doctor.post("/kham-benh/" + visit[1] + "/don-thuoc?loai=noi-tru", inpatient);
        assertThat(saved.status()).isEqualTo(302);
        MedicationRequest mr = PrescriptionFixtures.requestsOf(server, visit[1]).get(0);
        assertThat(mr.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("inpatient");
        assertThat(mr.getDispenseRequest().getQuantity().getValue()).isEqualByComparingTo("90");
    }

    @Test
    void aChangedQuantity_needsAReasonAndIsStoredWithIt() {
        String[] visit = PrescriptionFixtures.visit(server, "Trịnh Văn Sửa");
        Map<String, String> form = new LinkedHashMap<>(line(0, "40.48", "1", "2", "5"));
        form.put("lines[0].quantity", "12");
        UiClient.Response refused = doctor.post("/kham-benh/" + visit[1] + "/don-thuoc", form);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"error-line-0-overrideReason\"").contains("value=\"12\"");
        form.put("lines[0].overrideReason", "Làm tròn theo vỉ");
        assertThat(doctor.post("/kham-benh/" + visit[1] + "/don-thuoc", form).status()).isEqualTo(302);
        MedicationRequest mr = PrescriptionFixtures.requestsOf(server, visit[1]).get(0);
        assertThat(mr.getDispenseRequest().getQuantity().getValue()).isEqualByComparingTo("12");
        assertThat(mr.getNoteFirstRep().getText()).contains("10").contains("Làm tròn theo vỉ");
    }

    @Test
    void aNurse_mayNotPrescribe() {
        String[] visit = PrescriptionFixtures.visit(server, "Mai Văn Điều");
        UiClient nurse = server.login(server.user(Role.NURSE, null));
        UiClient.Response refused = nurse.post("/kham-benh/" + visit[1] + "/don-thuoc",
                line(0, "40.48", "1", "2", "5"));
        assertThat(refused.status()).isIn(403, 422);
        assertThat(PrescriptionFixtures.requestsOf(server, visit[1])).isEmpty();
    }

    @Test
    void thePharmacy_listsTodaysPrescriptionAndRecordsTheDispensing() {
        String[] visit = PrescriptionFixtures.visit(server, "Cao Thị Phát");
        assertThat(doctor.post("/kham-benh/" + visit[1] + "/don-thuoc", line(0, "40.677", "1", "1", "10"))
                .status()).isEqualTo(302);
        String code = PrescriptionFixtures.requestsOf(server, visit[1]).get(0).getGroupIdentifier().getValue();
        UiClient pharmacist = server.login(server.user(Role.PHARMACIST,
                PrescriptionFixtures.practitioner(server, "DS. Lý Văn Dược")));
        assertThat(pharmacist.get("/duoc").body()).contains("id=\"waiting-" + code + "\"").contains("Omeprazol");
        UiClient.Response done = pharmacist.post("/duoc/" + code + "/phat", Map.of());
        assertThat(done.status()).isEqualTo(302);
        assertThat(pharmacist.get("/duoc").body()).contains("id=\"dispensed-" + code + "\"")
                .doesNotContain("id=\"waiting-" + code + "\"");
        MedicationRequest mr = PrescriptionFixtures.requestsOf(server, visit[1]).get(0);
        assertThat(mr.getStatus()).isEqualTo(MedicationRequest.MedicationRequestStatus.COMPLETED);
        List<MedicationDispense> dispenses = server.store().search(MedicationDispense.class,
                Map.of("prescription", List.of("MedicationRequest/" + mr.getIdElement().getIdPart())), null);
        assertThat(dispenses).hasSize(1);
        assertThat(dispenses.get(0).getQuantity().getValue()).isEqualByComparingTo("10");
    }
}

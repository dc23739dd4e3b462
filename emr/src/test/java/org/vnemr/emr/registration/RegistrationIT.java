package org.vnemr.emr.registration;

import org.hl7.fhir.r4.model.Account;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.emr.charges.ChargeItems;
import org.vnemr.emr.charges.ChargeSplit;
import org.vnemr.emr.testing.EmrTestServer;
import org.vnemr.emr.testing.UiClient;
import org.vnemr.platform.access.Role;
import org.vnemr.vncore.VnCoreUrls;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tiếp đón over real HTTP on a real database: search by folded name, CCCD, phone and patient number; a scanned
 * CCCD QR code pre-fills the form; a bad CCCD is refused next to its field with what was typed kept and nothing
 * stored; an existing CCCD raises the duplicate warning; a visit gets its queue number per room and day, its Account
 * and its examination charge split by the card's benefit level; an expired card makes the visit self-paying.
 */
class RegistrationIT {

    static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));

    static EmrTestServer server;
    static UiClient clerk;

    @BeforeAll
    static void start() {
        server = EmrTestServer.start(Facility.configurations());
        Facility.setUp(server);
        clerk = server.login(server.user(Role.REGISTRATION_CLERK, null));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Map<String, String> patientForm(String name, String birth, String gender, String cccd, String phone) {
        Map<String, String> form = new HashMap<>();
        form.put("fullName", name);
        form.put("birthDate", birth);
        form.put("gender", gender);
        form.put("cccd", cccd);
        form.put("phone", phone);
        form.put("province", "");
        form.put("ward", "");
        return form;
    }

    /** Registers a new patient through the form; returns the Patient id. */
    static String newPatient(Map<String, String> form) {
        UiClient.Response answer = clerk.post("/tiep-don/moi", form);
        assertThat(answer.status()).as(answer.body()).isEqualTo(302);
        String location = answer.header("Location");
        assertThat(location).contains("/tiep-don/").endsWith("/luot-kham");
        return location.replaceAll(".*/tiep-don/([^/]+)/luot-kham$", "$1");
    }

    static UiClient.Response search(String q) {
        return clerk.send(HttpRequest.newBuilder(URI.create(server.root() + "/tiep-don/tim?q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8))).header("HX-Request", "true").GET());
    }

    @Test
    void aPatientIsFound_byNameWithoutAccents_byCccd_byPhone_andByPatientNumber() {
        String id = newPatient(patientForm("Phạm Thị Hồng Nhung", "02/03/1991", "female", "001191004321",
                "0912 345 678"));
        Patient stored = server.store().read(Patient.class, id, null).orElseThrow();
        String mrn = PatientRow.identifier(stored, PatientForm.MRN_SYSTEM);
        assertThat(mrn).matches("BN\\d{8}");

        for (String q : List.of("pham thi hong", "001191004321", "0912345678", "+84912345678", mrn,
                mrn.toLowerCase())) {
            UiClient.Response found = search(q);
            assertThat(found.status()).isEqualTo(200);
            assertThat(found.body()).as(q).contains("Phạm Thị Hồng Nhung").contains("02/03/1991")
                    .contains("4321").doesNotContain("001191004321");
        }
        assertThat(search("khong co ai ten nay").body()).contains("no-results");
    }

    @Test
    void aScannedCccdQrCode_fillsTheFormWithoutStoringAnything() {
        String qr = "001085012345|012345678|Nguyễn Văn Quét|15061985|Nam|Số 1 Tràng Tiền, Phường Hoàn Kiếm, "
                + "Thành phố Hà Nội|01012022";
        UiClient.Response answer = clerk.post("/tiep-don/quet-qr", Map.of("qr", qr));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("value=\"Nguyễn Văn Quét\"").contains("value=\"15/06/1985\"")
                .contains("value=\"001085012345\"").contains("id=\"qr-done\"");
        assertThat(answer.body()).containsPattern("<option value=\"male\" selected");
        assertThat(server.store().search(Patient.class, Map.of("identifier",
                List.of(VnCoreUrls.SID_CCCD + "|001085012345")), null)).isEmpty();

        UiClient.Response bad = clerk.post("/tiep-don/quet-qr", Map.of("qr", "không phải mã QR"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"error-qr\"").contains("VNEMR-6111")
                .contains("value=\"không phải mã QR\"");
    }

    @Test
    void aBadCccd_isRefusedNextToTheFieldWithTheTypedValueKept_andNothingStored() {
        Map<String, String> form = patientForm("Lê Văn Sai Số", "01/01/1970", "male", "12345", "0987654321");
        UiClient.Response answer = clerk.post("/tiep-don/moi", form);
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body()).contains("id=\"error-cccd\"").contains("value=\"12345\"")
                .contains("value=\"Lê Văn Sai Số\"").contains("value=\"0987654321\"");
        assertThat(server.store().search(Patient.class, Map.of("name", List.of("le van sai so")), null)).isEmpty();

        UiClient.Response badDate = clerk.post("/tiep-don/moi", patientForm("Lê Văn Sai Ngày", "31/02/1970", "male",
                "", ""));
        assertThat(badDate.status()).isEqualTo(422);
        assertThat(badDate.body()).contains("id=\"error-birthDate\"").contains("value=\"31/02/1970\"");
    }

    @Test
    void anExistingCccd_raisesTheDuplicateWarningWithItsExplanation_beforeAnythingIsStored() {
        String first = newPatient(patientForm("Hoàng Văn Trùng", "05/05/1975", "male", "001075009999", ""));
        UiClient.Response answer = clerk.post("/tiep-don/moi",
                patientForm("Hoàng Văn Trùng", "05/05/1975", "male", "001075009999", "0911222333"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("id=\"duplicates\"").contains("Chắc chắn trùng")
                .contains("/tiep-don/" + first + "/luot-kham").contains("id=\"confirm-new\"")
                .contains("value=\"0911222333\"");
        assertThat(server.store().search(Patient.class, Map.of("identifier",
                List.of(VnCoreUrls.SID_CCCD + "|001075009999")), null)).hasSize(1);
    }

    @Test
    void aVisit_getsTheRoomsNextQueueNumber_anAccount_andTheExaminationChargeSplitByTheCard() {
        String patient = newPatient(patientForm("Vũ Thị Khám", "10/10/1980", "female", "", ""));
        UiClient.Response form = clerk.get("/tiep-don/" + patient + "/luot-kham");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("Phòng khám Nội 1").contains("01 – Khám bệnh");

        String first = registerVisit(patient, Facility.ROOM_2, "DN4010123456789", TODAY.minusMonths(1),
                TODAY.plusMonths(11), "");
        UiClient.Response slip = clerk.get("/tiep-don/phieu/" + first);
        assertThat(slip.status()).isEqualTo(200);
        assertThat(slip.body()).contains("Phòng khám Nội 2").contains("DN4010123456789").contains("Vũ Thị Khám")
                .contains("/in/phieu-kham-benh-tiep-don/" + first + ".pdf");
        Encounter visit = server.store().read(Encounter.class, first, null).orElseThrow();
        String queue = visit.getIdentifier().stream().filter(i -> VisitRegistration.QUEUE_SYSTEM.equals(i.getSystem()))
                .findFirst().orElseThrow().getValue();
        assertThat(queue).isEqualTo("P102-" + TODAY.format(DateTimeFormatter.BASIC_ISO_DATE) + "-1");
        assertThat(slip.body()).containsPattern("id=\"queue-number\">1<");
        assertThat(visit.getStatus()).isEqualTo(Encounter.EncounterStatus.ARRIVED);
        assertThat(visit.getClass_().getCode()).isEqualTo("AMB");
        assertThat(visit.getIdentifier().stream().filter(i -> VnCoreUrls.SID_MA_LK.equals(i.getSystem()))
                .findFirst().orElseThrow().getValue()).matches("01001\\d{12}\\d{4}");
        Account account = server.store().read(Account.class,
                visit.getAccountFirstRep().getReferenceElement().getIdPart(), null).orElseThrow();
        assertThat(account.getCoverage()).hasSize(1);

        ChargeItem exam = charges(first).get(0);
        assertThat(exam.getCode().getCodingFirstRep().getCode()).isEqualTo(Facility.EXAM_CODE);
        ChargeSplit split = ChargeItems.split(exam);
        // card DN4… = 80 %: BHYT price 50 600 → fund 40 480, co-pay 10 120; 52 000 − 50 600 = 1 400 out of scope
        assertThat(split.total()).isEqualByComparingTo("52000");
        assertThat(split.bhyt()).isEqualByComparingTo("40480");
        assertThat(split.patient()).isEqualByComparingTo("10120");
        assertThat(split.outOfScope()).isEqualByComparingTo("1400");

        String second = registerVisit(patient, Facility.ROOM_2, "DN4010123456789", TODAY.minusMonths(1),
                TODAY.plusMonths(11), "");
        assertThat(clerk.get("/tiep-don/phieu/" + second).body()).containsPattern("id=\"queue-number\">2<");
        assertThat(clerk.get("/tiep-don/phieu/" + registerVisit(patient, Facility.ROOM_1, "", null, null, ""))
                .body()).containsPattern("id=\"queue-number\">1<").contains("slip-self-pay");
    }

    @Test
    void anExpiredCard_isWarnedAbout_andTheVisitIsThenSelfPaying() {
        String patient = newPatient(patientForm("Đỗ Văn Hết Hạn", "01/01/1960", "male", "", ""));
        Map<String, String> form = visitForm(Facility.ROOM_1, "HT3010123456789", TODAY.minusYears(2),
                TODAY.minusDays(1), "");
        UiClient.Response warned = clerk.post("/tiep-don/" + patient + "/luot-kham", form);
        assertThat(warned.status()).isEqualTo(200);
        assertThat(warned.body()).contains("id=\"card-warning\"").contains("VNEMR-6115")
                .contains("name=\"acceptSelfPay\"");
        assertThat(server.store().search(Encounter.class, Map.of("subject", List.of("Patient/" + patient)), null))
                .isEmpty();

        form.put("acceptSelfPay", "true");
        UiClient.Response done = clerk.post("/tiep-don/" + patient + "/luot-kham", form);
        assertThat(done.status()).isEqualTo(302);
        String visit = done.header("Location").replaceAll(".*/", "");
        assertThat(clerk.get("/tiep-don/phieu/" + visit).body()).contains("id=\"slip-self-pay\"");
        ChargeSplit split = ChargeItems.split(charges(visit).get(0));
        assertThat(split.bhyt()).isEqualByComparingTo("0");
        assertThat(split.outOfScope()).isEqualByComparingTo("52000");
    }

    @Test
    void aVisitWithoutARoom_isRefusedNextToTheRoomField() {
        String patient = newPatient(patientForm("Ngô Văn Phòng", "01/01/1990", "male", "", ""));
        UiClient.Response answer = clerk.post("/tiep-don/" + patient + "/luot-kham",
                visitForm("", "", null, null, "đau đầu"));
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body()).contains("id=\"error-room\"").contains("value=\"đau đầu\"");
    }

    static Map<String, String> visitForm(String room, String card, LocalDate from, LocalDate to, String reason) {
        Map<String, String> form = new HashMap<>();
        form.put("room", room);
        form.put("visitType", "01");
        form.put("insuranceCategory", "1.1");
        form.put("reason", reason);
        form.put("bhytNumber", card);
        form.put("bhytFrom", from == null ? "" : DMY.format(from));
        form.put("bhytTo", to == null ? "" : DMY.format(to));
        form.put("bhytFacility", card.isEmpty() ? "" : "01001");
        form.put("bhytLevel", "");
        return form;
    }

    static String registerVisit(String patient, String room, String card, LocalDate from, LocalDate to,
                                String reason) {
        UiClient.Response answer = clerk.post("/tiep-don/" + patient + "/luot-kham",
                visitForm(room, card, from, to, reason));
        assertThat(answer.status()).as(answer.body()).isEqualTo(302);
        return answer.header("Location").replaceAll(".*/tiep-don/phieu/", "");
    }

    static List<ChargeItem> charges(String encounterId) {
        return server.store().search(ChargeItem.class, Map.of("context", List.of("Encounter/" + encounterId)), null);
    }
}

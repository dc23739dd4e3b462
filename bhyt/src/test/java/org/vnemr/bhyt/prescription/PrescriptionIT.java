package org.vnemr.bhyt.prescription;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.platform.PlatformConfiguration;
import org.vnemr.platform.outbox.Outbox;
import org.vnemr.platform.outbox.OutboxMessage;
import org.vnemr.platform.outbox.OutboxRelay;
import org.vnemr.signing.devca.CertificateProfile;
import org.vnemr.signing.devca.DevelopmentCa;
import org.vnemr.signing.devca.IssuedCertificate;
import org.vnemr.signing.keys.SigningKeysConfiguration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The national e-prescription link on real HTTP and the real database: saving an outpatient prescription queues one
 * message per national code, the relay builds the payload from the stored record, signs it with the facility key and
 * the simulator registers it; a child's prescription without a guardian is refused with the field named and the
 * refusal shows on the prescription's status; inpatient orders are not sent; a changed payload fails the signature.
 */
class PrescriptionIT {

    static final String FACILITY = "79001";
    static PrescriptionSimulator simulator;
    static FhirTestServer server;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        Path temp = Files.createTempDirectory("vnemr-prescription");
        DevelopmentCa ca = DevelopmentCa.init(temp.resolve("ca"), "ca-password".toCharArray(), null, null);
        IssuedCertificate facility = ca.issue(CertificateProfile.person("Phòng khám Thử nghiệm", null), "facility",
                "pin-1234".toCharArray());
        Path trust = Files.createDirectories(temp.resolve("trust"));
        Files.copy(ca.certificatePem(), trust.resolve("ca.pem"));
        Path pin = Files.writeString(temp.resolve("pin"), "pin-1234");
        simulator = new PrescriptionSimulator("LT79001", "mat-khau-lien-thong", FACILITY);
        server = FhirTestServer.startWith(List.of(PlatformConfiguration.class, SigningKeysConfiguration.class,
                        PrescriptionConfiguration.class),
                "--vnemr.prescription.national.enabled=true",
                "--vnemr.prescription.national.url=" + simulator.url(),
                "--vnemr.prescription.national.connection-code=LT79001",
                "--vnemr.prescription.national.password=mat-khau-lien-thong",
                "--vnemr.signing.facility.pkcs12.path=" + facility.pkcs12(),
                "--vnemr.signing.facility.pin-file=" + pin, "--vnemr.signing.trust.directory=" + trust,
                "--vnemr.signing.revocation=offline", "--vnemr.outbox.relay=false",
                "--vnemr.home=" + temp.resolve("home"));
    }

    @AfterAll
    static void stop() {
        server.close();
        simulator.close();
    }

    @Test
    void anOutpatientPrescription_isSignedSentAndShownAsSent() throws Exception {
        String code = FACILITY + "a1b2c3d-C";
        String patient = created(server.post("Patient", """
                {"resourceType":"Patient","gender":"female","birthDate":"1985-04-02",
                 "name":[{"text":"Trần Thị Mai"}],
                 "identifier":[{"system":"http://fhir.hl7.org.vn/core/sid/cccd","value":"079185001234"}]}"""));
        String visit = visit(patient);
        created(server.post("Condition", """
                {"resourceType":"Condition","subject":{"reference":"%s"},"encounter":{"reference":"%s"},
                 "code":{"coding":[{"system":"http://fhir.hl7.org.vn/core/CodeSystem/vn-icd10-cs","code":"J18.9",
                 "display":"Viêm phổi, không đặc hiệu"}]}}""".formatted(patient, visit)));
        assertThat(server.post("", prescription(patient, visit, code, "outpatient")).status()).isEqualTo(200);
        Outbox outbox = server.bean(Outbox.class);
        assertThat(outbox.about(PrescriptionTriggers.subject(code))).hasSize(1);

        server.bean(OutboxRelay.class).runOnce();
        PrescriptionStatus.Status status = server.bean(PrescriptionStatus.class).of(code);
        assertThat(status.state()).as(status.detail()).isEqualTo(PrescriptionStatus.State.SENT);
        String registered = simulator.registered().get(code);
        assertThat(registered).contains("\"gioi_tinh\":3").contains("\"ma_chan_doan\":\"J18.9\"")
                .contains("\"loai_don_thuoc\":\"c\"").contains("Amoxicilin");
    }

    @Test
    void aChildsPrescriptionWithoutAGuardian_isRefusedAndTheRefusalShows() throws Exception {
        String code = FACILITY + "z9y8x7w-C";
        String child = created(server.post("Patient", """
                {"resourceType":"Patient","gender":"male","birthDate":"2024-01-10","name":[{"text":"Lê Văn Bé"}]}"""));
        String visit = visit(child);
        created(server.post("Condition", """
                {"resourceType":"Condition","subject":{"reference":"%s"},"encounter":{"reference":"%s"},
                 "code":{"coding":[{"code":"J06.9","display":"Nhiễm trùng hô hấp trên cấp"}]}}"""
                .formatted(child, visit)));
        assertThat(server.post("", prescription(child, visit, code, "outpatient")).status()).isEqualTo(200);
        server.bean(OutboxRelay.class).runOnce();
        PrescriptionStatus.Status status = server.bean(PrescriptionStatus.class).of(code);
        assertThat(status.state()).isEqualTo(PrescriptionStatus.State.REFUSED);
        assertThat(status.detail()).contains("thong_tin_nguoi_giam_ho");
        assertThat(simulator.registered()).doesNotContainKey(code);
    }

    @Test
    void inpatientOrders_areNotSentToTheNationalSystem() {
        String code = FACILITY + "n0t5ent-C";
        String patient = created(server.post("Patient", "{\"resourceType\":\"Patient\",\"gender\":\"male\"}"));
        assertThat(server.post("", prescription(patient, visit(patient), code, "inpatient")).status())
                .isEqualTo(200);
        assertThat(server.bean(Outbox.class).about(PrescriptionTriggers.subject(code))).isEmpty();
        assertThat(server.bean(PrescriptionStatus.class).of(code).state())
                .isEqualTo(PrescriptionStatus.State.NOT_QUEUED);
    }

    @Test
    void aPayloadChangedAfterSigning_isRefusedByTheSystem() throws Exception {
        String code = FACILITY + "q1w2e3r-C";
        String patient = created(server.post("Patient", """
                {"resourceType":"Patient","gender":"male","birthDate":"1970-01-01","name":[{"text":"Phạm Văn Nam"}]}"""));
        String visit = visit(patient);
        created(server.post("Condition", """
                {"resourceType":"Condition","subject":{"reference":"%s"},"encounter":{"reference":"%s"},
                 "code":{"coding":[{"code":"I10","display":"Tăng huyết áp vô căn"}]}}""".formatted(patient, visit)));
        server.post("", prescription(patient, visit, code, "outpatient"));
        OutboxMessage queued = server.bean(Outbox.class).about(PrescriptionTriggers.subject(code)).get(0);
        PrescriptionDelivery delivery = server.bean(PrescriptionDelivery.class);
        ObjectNode payload = delivery.build(JSON.readTree(queued.payload()));
        payload.put("signature", org.vnemr.signing.jws.DetachedJws.sign(
                org.vnemr.signing.jws.CanonicalJson.of(payload),
                server.bean(org.vnemr.signing.keys.SignerRegistry.class).facility(), java.time.Instant.now()));
        payload.put("loi_dan", "uống gấp đôi");
        PrescriptionReply reply = new DonThuocQuocGiaClient(simulator.url(), "LT79001", "mat-khau-lien-thong")
                .send(payload);
        assertThat(reply.accepted()).isFalse();
        assertThat(reply.message()).contains("signature");
    }

    @Test
    void theTypeLetterAndTheSexCoding_followTheNationalSystemsOwnCodes() {
        assertThat(PrescriptionPayload.type("79001abc1234-N")).isEqualTo("n");
        assertThat(PrescriptionPayload.type("79001abc1234-H")).isEqualTo("h");
        assertThat(PrescriptionPayload.type("79001abc1234-T")).isEqualTo("y");
        assertThat(PrescriptionPayload.type("79001abc1234-C")).isEqualTo("c");
        assertThat(PrescriptionPayload.CODE.matcher("79001abc1234-C").matches()).isTrue();
        assertThat(PrescriptionPayload.CODE.matcher("79001ABC1234-C").matches()).isFalse();
        assertThat(PrescriptionPayload.birthDate("2024")).hasToString("2024-01-01");
    }

    private static String visit(String patient) {
        return created(server.post("Encounter", """
                {"resourceType":"Encounter","status":"in-progress",
                 "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},
                 "subject":{"reference":"%s"}}""".formatted(patient)));
    }

    private static String prescription(String patient, String visit, String code, String category) {
        String line = """
                {"resource":{"resourceType":"MedicationRequest","status":"active","intent":"order",
                  "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/medicationrequest-category",
                   "code":"%s"}]}],
                  "medicationCodeableConcept":{"coding":[{"system":"https://vnemr.org/fhir/CodeSystem/catalogue-drug",
                   "code":"%s","display":"%s"}],"text":"%s"},
                  "subject":{"reference":"%s"},"encounter":{"reference":"%s"},"authoredOn":"2026-11-25T09:30:00+07:00",
                  "groupIdentifier":{"system":"https://vnemr.org/fhir/sid/ma-don-thuoc","value":"%s"},
                  "dosageInstruction":[{"text":"Ngày uống 2 lần, mỗi lần 1 viên, sau ăn"}],
                  "dispenseRequest":{"quantity":{"value":14,"unit":"viên"},
                   "expectedSupplyDuration":{"value":7,"unit":"ngày"}}},
                 "request":{"method":"POST","url":"MedicationRequest"}}""";
        return """
                {"resourceType":"Bundle","type":"transaction","entry":[%s,%s]}""".formatted(
                line.formatted(category, "40.152", "Amoxicilin 500mg", "Amoxicilin 500mg", patient, visit, code),
                line.formatted(category, "40.300", "Paracetamol 500mg", "Paracetamol 500mg", patient, visit, code));
    }

    private static String created(FhirTestServer.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.header("Location").replaceAll("^.*/fhir/", "").replaceAll("/_history/.*$", "");
    }
}

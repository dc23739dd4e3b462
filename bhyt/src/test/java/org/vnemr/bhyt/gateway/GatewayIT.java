package org.vnemr.bhyt.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vnemr.bhyt.gateway.simulator.BhxhGatewaySimulator;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.platform.PlatformConfiguration;
import org.vnemr.platform.outbox.Outbox;
import org.vnemr.platform.outbox.OutboxMessage;
import org.vnemr.platform.outbox.OutboxRelay;
import org.vnemr.signing.certs.RevocationMode;
import org.vnemr.signing.certs.TrustList;
import org.vnemr.signing.certs.TrustListCertificateValidator;
import org.vnemr.signing.devca.CertificateProfile;
import org.vnemr.signing.devca.DevelopmentCa;
import org.vnemr.signing.devca.IssuedCertificate;
import org.vnemr.signing.keys.Pkcs12Signer;
import org.vnemr.signing.xml.XmlSignatureOptions;
import org.vnemr.signing.xml.XmlSigner;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The BHXH gateway link end to end on real HTTP and the real database: the client against the simulator (token with
 * the MD5 password, signed check-in and dossier, refusals for a changed byte, an unregistered certificate, a missing
 * field or mixed MA_LK), and the outbox path — a visit's first charge queues its check-in, finishing it queues the
 * dossier, the relay sends check-in first, a gateway outage is retried, and saving again queues nothing new.
 */
class GatewayIT {

    static final String FACILITY = "79001";
    static BhxhGatewaySimulator simulator;
    static Pkcs12Signer facilitySigner;
    static IssuedCertificate facility;
    static IssuedCertificate stranger;
    static Path temp;
    static FhirTestServer server;

    @BeforeAll
    static void start() throws Exception {
        temp = Files.createTempDirectory("vnemr-gateway");
        char[] pin = "pin-1234".toCharArray();
        DevelopmentCa ca = DevelopmentCa.init(temp.resolve("ca"), "ca-password".toCharArray(), null, null);
        facility = ca.issue(CertificateProfile.person("Bệnh viện Thử nghiệm", null), "facility", pin);
        stranger = ca.issue(CertificateProfile.person("Cơ sở khác", null), "stranger", pin);
        facilitySigner = Pkcs12Signer.open(facility.pkcs12(), pin);
        simulator = new BhxhGatewaySimulator("bv79001", "mat-khau-cong", FACILITY,
                new TrustListCertificateValidator(TrustList.of(List.of(ca.certificate())), RevocationMode.OFFLINE),
                Clock.systemUTC());
        simulator.registerCertificate(facility.certificate());
        server = FhirTestServer.startWith(List.of(PlatformConfiguration.class, GatewayConfiguration.class,
                        TestDocuments.class),
                "--vnemr.bhyt.gateway.enabled=true", "--vnemr.bhyt.gateway.url=" + simulator.url(),
                "--vnemr.bhyt.gateway.username=bv79001", "--vnemr.bhyt.gateway.password=mat-khau-cong",
                "--vnemr.facility.code=" + FACILITY, "--vnemr.outbox.relay=false",
                "--vnemr.home=" + temp.resolve("home"));
    }

    @AfterAll
    static void stop() {
        server.close();
        simulator.close();
    }

    /** Builds small but real signed files (the XML package builds the full tables; here the transport is tested). */
    @Configuration(proxyBeanMethods = false)
    static class TestDocuments {
        @Bean
        ClaimDocuments claimDocuments() {
            return new ClaimDocuments() {
                @Override
                public Optional<byte[]> signedCheckIn(String encounterId) {
                    return Optional.of(signed(checkIn("LK" + encounterId, "1")));
                }

                @Override
                public byte[] signedDossier(String encounterId) {
                    return signed(envelope(FACILITY, "LK" + encounterId, "LK" + encounterId));
                }

                @Override
                public byte[] signedPaper(String compositionId) {
                    throw new ClaimRefused("XML7.PP_DIEUTRI: bắt buộc");
                }
            };
        }
    }

    static String checkIn(String maLk, String sex) {
        return "<CHI_TIEU_TRANG_THAI_KCB><DSACH_TRANG_THAI_KCB><TRANG_THAI_KCB><MA_LK>" + maLk + "</MA_LK>"
                + "<STT>1</STT><MA_BN>BN00000001</MA_BN><HO_TEN>Nguyễn Thị Hồng</HO_TEN>"
                + "<NGAY_SINH>199003150000</NGAY_SINH><GIOI_TINH>" + sex + "</GIOI_TINH>"
                + "<MA_DOITUONG_KCB>1.1</MA_DOITUONG_KCB><NGAY_VAO>202611250800</NGAY_VAO>"
                + "<MA_LOAI_KCB>01</MA_LOAI_KCB><MA_CSKCB>" + FACILITY + "</MA_CSKCB></TRANG_THAI_KCB>"
                + "</DSACH_TRANG_THAI_KCB></CHI_TIEU_TRANG_THAI_KCB>";
    }

    static String envelope(String facilityCode, String maLk1, String maLk2) {
        String xml1 = "<TONG_HOP><MA_LK>" + maLk1 + "</MA_LK><MA_BN>BN00000001</MA_BN></TONG_HOP>";
        String xml2 = "<CHITIEU_CHITIET_THUOC><DSACH_CHI_TIET_THUOC><CHI_TIET_THUOC><MA_LK>" + maLk2
                + "</MA_LK></CHI_TIET_THUOC></DSACH_CHI_TIET_THUOC></CHITIEU_CHITIET_THUOC>";
        return "<GIAMDINHHS><THONGTINDONVI><MACSKCB>" + facilityCode + "</MACSKCB></THONGTINDONVI><THONGTINHOSO>"
                + "<NGAYLAP>20261125</NGAYLAP><SOLUONGHOSO>1</SOLUONGHOSO><DANHSACHHOSO><HOSO>"
                + file("XML1", xml1) + file("XML2", xml2)
                + "</HOSO></DANHSACHHOSO></THONGTINHOSO><CHUKYDONVI/></GIAMDINHHS>";
    }

    static String file(String table, String xml) {
        return "<FILEHOSO><LOAIHOSO>" + table + "</LOAIHOSO><NOIDUNGFILE>"
                + Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8))
                + "</NOIDUNGFILE></FILEHOSO>";
    }

    static byte[] signed(String xml) {
        return new XmlSigner(XmlSignatureOptions.insuranceFacilitySignature())
                .signEnveloped(xml.getBytes(StandardCharsets.UTF_8), facilitySigner);
    }

    static BhxhGatewayClient client(String password) {
        return new BhxhGatewayClient(new GatewaySettings(simulator.url(), "bv79001", password, "79", FACILITY),
                Clock.systemUTC());
    }

    @Test
    void aSignedCheckIn_isReceivedWithATransactionId() {
        GatewayReply reply = client("mat-khau-cong").checkIn(signed(checkIn("LK-A", "2")));
        assertThat(reply.accepted()).as(reply.thongDiep()).isTrue();
        assertThat(reply.maGiaoDich()).startsWith("GD");
        assertThat(reply.thoiGianTiepNhan()).matches("\\d{14}");
    }

    @Test
    void aWrongPassword_isRefusedAtTheToken() {
        assertThatThrownBy(() -> client("sai").checkIn(signed(checkIn("LK-B", "1"))))
                .isInstanceOf(GatewayUnavailable.class).hasMessageContaining("VNEMR-7501");
    }

    @Test
    void aFileChangedAfterSigning_isRefused() {
        byte[] file = signed(checkIn("LK-C", "1"));
        String text = new String(file, StandardCharsets.UTF_8).replace("Nguyễn Thị Hồng", "Nguyễn Thị Hồnh");
        GatewayReply reply = client("mat-khau-cong").checkIn(text.getBytes(StandardCharsets.UTF_8));
        assertThat(reply.maKetQua()).isEqualTo(403);
        assertThat(reply.thongDiep()).contains("thay đổi");
    }

    @Test
    void aCertificateNotRegisteredForTheFacility_isRefused() throws Exception {
        Pkcs12Signer other = Pkcs12Signer.open(stranger.pkcs12(), "pin-1234".toCharArray());
        byte[] file = new XmlSigner(XmlSignatureOptions.insuranceFacilitySignature())
                .signEnveloped(checkIn("LK-D", "1").getBytes(StandardCharsets.UTF_8), other);
        GatewayReply reply = client("mat-khau-cong").checkIn(file);
        assertThat(reply.maKetQua()).isEqualTo(403);
        assertThat(reply.thongDiep()).contains("chưa được đăng ký");
    }

    @Test
    void aCheckInWithAWrongSexCode_isRefusedNamingTheField() {
        GatewayReply reply = client("mat-khau-cong").checkIn(signed(checkIn("LK-E", "0")));
        assertThat(reply.maKetQua()).isEqualTo(400);
        assertThat(reply.thongDiep()).contains("GIOI_TINH");
    }

    @Test
    void aDossierWithTwoDifferentMaLk_isRefused() {
        GatewayReply reply = client("mat-khau-cong").submitDossier(signed(envelope(FACILITY, "LK-F", "LK-G")));
        assertThat(reply.maKetQua()).isEqualTo(400);
        assertThat(reply.thongDiep()).contains("MA_LK");
    }

    @Test
    void aDossierOfAnotherFacility_isRefused() {
        GatewayReply reply = client("mat-khau-cong").submitDossier(signed(envelope("01001", "LK-H", "LK-H")));
        assertThat(reply.maKetQua()).isEqualTo(403);
    }

    @Test
    void theFirstChargeAndTheEndOfAVisit_sendCheckInThenDossierThroughTheOutbox() {
        String patient = created(server.post("Patient", "{\"resourceType\":\"Patient\",\"gender\":\"female\"}"));
        String visit = created(server.post("Encounter", """
                {"resourceType":"Encounter","status":"in-progress",
                 "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},
                 "subject":{"reference":"%s"}}""".formatted(patient)));
        String charge = """
                {"resourceType":"ChargeItem","status":"billable","code":{"text":"Khám bệnh"},
                 "subject":{"reference":"%s"},"context":{"reference":"%s"}}""".formatted(patient, visit);
        created(server.post("ChargeItem", charge));
        created(server.post("ChargeItem", charge));
        Outbox outbox = server.bean(Outbox.class);
        assertThat(outbox.about(visit)).extracting(OutboxMessage::topic).containsExactly(GatewayDelivery.CHECK_IN);

        String finished = """
                {"resourceType":"Encounter","id":"%s","status":"finished",
                 "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},
                 "subject":{"reference":"%s"}}""".formatted(visit.substring(10), patient);
        assertThat(server.put(visit, finished).status()).isEqualTo(200);
        assertThat(server.put(visit, finished).status()).isEqualTo(200);
        assertThat(outbox.about(visit)).extracting(OutboxMessage::topic)
                .containsExactly(GatewayDelivery.CHECK_IN, GatewayDelivery.DOSSIER);

        simulator.failNextRequests(1);
        OutboxRelay relay = server.bean(OutboxRelay.class);
        relay.runOnce();
        List<OutboxMessage> afterOutage = outbox.about(visit);
        assertThat(afterOutage.get(0).status()).isEqualTo(OutboxMessage.Status.PENDING);
        assertThat(afterOutage.get(0).lastError()).contains("VNEMR-7502");
        assertThat(afterOutage.get(1).attempts()).as("the dossier waits for its check-in").isZero();

        server.bean(org.springframework.jdbc.core.JdbcTemplate.class)
                .update("UPDATE outbox_message SET next_attempt = now() WHERE subject = ?", visit);
        relay.runOnce();
        relay.runOnce();
        List<OutboxMessage> sent = outbox.about(visit);
        assertThat(sent).allSatisfy(m -> assertThat(m.status()).isEqualTo(OutboxMessage.Status.DELIVERED));
        assertThat(sent.get(0).reply()).contains("\"maKetQua\":200").contains("sha256");
        assertThat(simulator.received()).filteredOn(r -> ("LK" + visit.substring(10)).equals(r.maLk()))
                .extracting(BhxhGatewaySimulator.Received::path)
                .containsExactly("/api/qd130/checkInKcbQd4750", "/api/qd130/guiHoSoXmlQD4750");
    }

    @Test
    void aPaperOurValidatorRefuses_isFailedForTheClerkWithTheRule() {
        String composition = created(server.post("Composition", """
                {"resourceType":"Composition","status":"final","date":"2026-11-25",
                 "type":{"coding":[{"system":"https://vnemr.org/fhir/CodeSystem/document-type","code":"giay-ra-vien"}]},
                 "title":"Giấy ra viện","author":[{"display":"BS A"}]}"""));
        Outbox outbox = server.bean(Outbox.class);
        server.bean(OutboxRelay.class).runOnce();
        OutboxMessage paper = outbox.about(composition).get(0);
        assertThat(paper.status()).isEqualTo(OutboxMessage.Status.FAILED);
        assertThat(paper.lastError()).contains("VNEMR-7503").contains("XML7.PP_DIEUTRI");
    }

    private static String created(FhirTestServer.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        String location = response.header("Location");
        return location.replaceAll("^.*/fhir/", "").replaceAll("/_history/.*$", "");
    }
}

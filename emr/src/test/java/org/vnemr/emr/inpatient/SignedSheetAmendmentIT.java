package org.vnemr.emr.inpatient;

import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Enumerations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.testing.EmrTestServer;
import org.vnemr.emr.testing.UiClient;
import org.vnemr.platform.access.Role;
import org.vnemr.signing.devca.CertificateProfile;
import org.vnemr.signing.devca.DevelopmentCa;
import org.vnemr.signing.devca.IssuedCertificate;
import org.vnemr.signing.document.DocumentAmendments;
import org.vnemr.signing.document.DocumentVerification;
import org.vnemr.signing.document.SignatureVerification;
import org.vnemr.signing.document.SignedDocumentService;
import org.vnemr.signing.keys.Pkcs12Signer;
import org.vnemr.terminology.catalogue.CatalogueConfiguration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A treatment sheet really signed by the signing module (PAdES + JWS, frozen rows) and then corrected on the
 * screen: the signed sheet stays frozen and still verifies, the correction joins the signing module's version
 * chain, and the draft it creates can itself be signed.
 */
class SignedSheetAmendmentIT {

    static EmrTestServer server;
    static ClinicalStore store;
    static Pkcs12Signer signer;

    @BeforeAll
    static void start() throws Exception {
        Path temp = Files.createTempDirectory("vnemr-sheet-amendment");
        char[] pin = "pin-1234".toCharArray();
        DevelopmentCa ca = DevelopmentCa.init(temp.resolve("ca"), "ca-password".toCharArray(), null, null);
        IssuedCertificate doctor = ca.issue(CertificateProfile.person("Trần Thị Bác Sĩ", "001085012345"), "bs", pin);
        Path trust = Files.createDirectories(temp.resolve("trust"));
        Files.copy(ca.certificatePem(), trust.resolve("ca.pem"));
        signer = Pkcs12Signer.open(doctor.pkcs12(), pin);
        server = EmrTestServer.start(List.of(CatalogueConfiguration.class),
                "--vnemr.signing.trust.directory=" + trust);
        store = server.store();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aSignedSheetCorrectedOnTheScreen_staysFrozenAndValid_andTheCorrectionIsTheNextVersionOfTheChain() {
        Ward ward = new Ward(server);
        UiClient doctor = server.login(server.user(Role.DOCTOR, ward.doctor, ward.medicine, ward.surgery));
        String patient = ward.patient(server, "Kiều Văn Ký Số", Enumerations.AdministrativeGender.MALE,
                LocalDate.of(1966, 6, 6));
        Map<String, String> admission = new HashMap<>();
        admission.put("patientId", patient);
        admission.put("department", ward.medicine);
        admission.put("bed", ward.medicineBeds.get(0));
        admission.put("reason", "Khó thở");
        admission.put("icd", "J18.9");
        admission.put("diagnosisText", "Viêm phổi");
        admission.put("admittedAt", LocalDateTime.now(Fhir.ZONE).minusHours(3).withSecond(0).withNano(0)
                .toString());
        String stay = InpatientScreensIT.admitAs(doctor, admission);
        assertThat(doctor.post("/noi-tru/" + stay + "/to-dieu-tri", Map.of("ngay",
                LocalDate.now(Fhir.ZONE).toString(), "dienBien", "Khó thở tăng", "yLenh", "Thở oxy 2 lít/phút"))
                .status()).isEqualTo(302);
        Composition sheet = store.search(Composition.class, Map.of("encounter", List.of("Encounter/" + stay)), null)
                .get(0);
        server.bean(SignedDocumentService.class).sign(sheet.getIdPart(), signer, "attending-physician");
        Composition signed = store.read(Composition.class, sheet.getIdPart(), null).orElseThrow();
        assertThat(signed.getStatus()).isEqualTo(Composition.CompositionStatus.FINAL);

        UiClient.Response corrected = doctor.post("/noi-tru/" + stay + "/to-dieu-tri/" + signed.getIdPart() + "/sua",
                Map.of("dienBien", "Khó thở giảm", "yLenh", "Thở oxy 2 lít/phút", "lyDoSua",
                        "Ghi nhầm: người bệnh đỡ khó thở"));
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(302);

        Composition after = store.read(Composition.class, signed.getIdPart(), null).orElseThrow();
        assertThat(after.getMeta().getVersionId()).isEqualTo(signed.getMeta().getVersionId());
        DocumentVerification verified = server.bean(SignatureVerification.class).verify(signed.getIdPart());
        assertThat(verified.problems()).isEmpty();
        assertThat(verified.valid()).isTrue();
        List<String> chain = server.bean(DocumentAmendments.class).versions(signed.getIdPart());
        assertThat(chain).hasSize(2).startsWith(signed.getIdPart());
        String amendment = chain.get(1);
        assertThat(doctor.get("/noi-tru/" + stay + "/to-dieu-tri").body())
                .contains("id=\"corrected-" + amendment + "\"").contains("Khó thở giảm")
                .doesNotContain("id=\"sheet-" + signed.getIdPart() + "\"");

        // the correction is a draft like any other: the doctor signs it in turn
        server.bean(SignedDocumentService.class).sign(amendment, signer, "attending-physician");
        assertThat(store.read(Composition.class, amendment, null).orElseThrow().getStatus())
                .isEqualTo(Composition.CompositionStatus.FINAL);
        assertThat(doctor.get("/noi-tru/" + stay + "/to-dieu-tri").body())
                .contains("id=\"signed-" + amendment + "\"");
    }
}

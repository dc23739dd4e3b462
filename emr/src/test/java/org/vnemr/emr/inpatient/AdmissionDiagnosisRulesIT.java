package org.vnemr.emr.inpatient;

import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.emr.testing.EmrTestServer;
import org.vnemr.emr.testing.UiClient;
import org.vnemr.platform.access.Role;
import org.vnemr.terminology.TerminologyConfiguration;
import org.vnemr.terminology.load.TerminologyLoader;
import org.vnemr.terminology.codesystem.TerminologyIndex;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the terminology module running and ICD-10 VN loaded, a diagnosis code typed on an inpatient form must exist
 * in ICD-10 VN: a well-spelt code that is not in it is refused next to the field and nothing is stored.
 */
class AdmissionDiagnosisRulesIT {

    static EmrTestServer server;
    static Ward ward;
    static String doctorLogin;

    @BeforeAll
    static void start() {
        server = EmrTestServer.start(List.of(TerminologyConfiguration.class));
        server.bean(TerminologyLoader.class).loadAll();
        server.bean(TerminologyIndex.class).awaitReady();
        ward = new Ward(server);
        doctorLogin = server.user(Role.DOCTOR, ward.doctor, ward.medicine);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aCodeThatIsNotInIcd10Vn_isRefusedAndAKnownCodeIsAccepted() {
        UiClient doctor = server.login(doctorLogin);
        String patient = ward.patient(server, "Cao Văn Mã Bệnh", Enumerations.AdministrativeGender.MALE,
                LocalDate.of(1970, 1, 1));
        Map<String, String> form = new java.util.HashMap<>(Map.of("patientId", patient, "department", ward.medicine,
                "bed", ward.medicineBeds.get(0), "reason", "Sốt", "icd", "J18.99",
                "admittedAt", LocalDateTime.now(Fhir.ZONE).minusHours(1).withSecond(0).withNano(0).toString()));
        UiClient.Response refused = doctor.post("/noi-tru/nhap-vien", form);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"error-icd\"").contains("VNEMR-6336").contains("J18.99");
        assertThat(server.store().search(Encounter.class, Map.of("subject", List.of("Patient/" + patient)), null))
                .isEmpty();

        form.put("icd", "J18.9");
        assertThat(doctor.post("/noi-tru/nhap-vien", form).status()).isEqualTo(302);
    }

    @Test
    void theDiagnosisInput_suggestsIcd10VnCodesWhileTyping() {
        UiClient doctor = server.login(doctorLogin);
        UiClient.Response suggestions = doctor.get("/noi-tru/icd?icd=J18");
        assertThat(suggestions.status()).isEqualTo(200);
        assertThat(suggestions.body()).contains("<option value=\"J18.9\"");
        assertThat(doctor.get("/noi-tru/icd?chanDoanChinh=J").body()).doesNotContain("<option");
    }
}

package org.vnemr.emr.chart;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.emr.prescription.PrescriptionFixtures;
import org.vnemr.emr.testing.EmrTestServer;
import org.vnemr.emr.testing.UiClient;
import org.vnemr.platform.access.Role;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hồ sơ bệnh nhân over real HTTP: the timeline holds every kind of record newest first, the kind and date filters
 * narrow it, a document opens with its narrative (made safe) and its PDF link, and patients are found by folded
 * name or MRN.
 */
class ChartScreenIT {

    static EmrTestServer server;
    static UiClient doctor;
    static String patientId;
    static String documentId;
    static String prescriptionCode;

    @BeforeAll
    static void start() {
        server = PrescriptionFixtures.start();
        doctor = server.login(server.user(Role.DOCTOR, PrescriptionFixtures.practitioner(server, "BS. Hồ Sơ")));
        String[] today = PrescriptionFixtures.visit(server, "Lương Thị Hồ Sơ", "Hải sản");
        patientId = today[0];
        assertThat(doctor.post("/kham-benh/" + today[1] + "/don-thuoc", Map.of("lines[0].drug", "40.48",
                "lines[0].dose", "1", "lines[0].timesPerDay", "2", "lines[0].days", "3")).status()).isEqualTo(302);
        prescriptionCode = PrescriptionFixtures.requestsOf(server, today[1]).get(0).getGroupIdentifier().getValue();
        documentId = earlierVisit(patientId);
    }

    /** A visit in March 2026 with a diagnosis, vital sign, report, examination record and re-visit appointment. */
    static String earlierVisit(String patient) {
        Date march = Date.from(LocalDate.of(2026, 3, 10).atTime(9, 0).atZone(ZoneId.of("Asia/Ho_Chi_Minh"))
                .toInstant());
        Reference subject = new Reference("Patient/" + patient);
        Encounter visit = new Encounter();
        visit.setId("urn:uuid:" + java.util.UUID.randomUUID());
        visit.setStatus(Encounter.EncounterStatus.FINISHED);
        visit.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
        visit.setSubject(subject);
        visit.getPeriod().setStart(march).setEnd(march);
        visit.addReasonCode().setText("Đau họng");
        Reference at = new Reference(visit.getIdElement().getValue());
        Condition diagnosis = new Condition();
        diagnosis.setSubject(subject).setEncounter(at).setRecordedDate(march);
        diagnosis.setCode(new CodeableConcept(new Coding("http://fhir.hl7.org.vn/core/CodeSystem/vn-icd10-cs", "J02.9",
                "Viêm họng cấp, không đặc hiệu")));
        Observation pulse = new Observation();
        pulse.setStatus(Observation.ObservationStatus.FINAL).setSubject(subject).setEncounter(at)
                .setCode(new CodeableConcept(new Coding("http://loinc.org", "8867-4", "Mạch")))
                .setEffective(new org.hl7.fhir.r4.model.DateTimeType(march))
                .setValue(new Quantity().setValue(88).setUnit("/min"));
        DiagnosticReport report = new DiagnosticReport();
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL).setSubject(subject).setEncounter(at)
                .setCode(new CodeableConcept().setText("X-quang ngực thẳng"))
                .setEffective(new org.hl7.fhir.r4.model.DateTimeType(march));
        report.setConclusion("Phổi sáng hai bên");
        Composition record = new Composition();
        record.setStatus(Composition.CompositionStatus.FINAL).setSubject(subject).setEncounter(at).setDate(march)
                .setTitle("Phiếu khám bệnh ngoại trú")
                .setType(new CodeableConcept(new Coding("https://vnemr.org/fhir/CodeSystem/document-type",
                        "phieu-kham", "Phiếu khám")));
        record.addAuthor().setDisplay("BS. Hồ Sơ");
        Narrative text = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        text.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Họng đỏ, <b>amidan sưng</b>.</p></div>");
        record.addSection().setTitle("Khám bệnh").setText(text);
        Appointment revisit = new Appointment();
        revisit.setStatus(Appointment.AppointmentStatus.BOOKED).setStart(Date.from(march.toInstant()
                .plusSeconds(7 * 86400))).setEnd(Date.from(march.toInstant().plusSeconds(7 * 86400 + 900)));
        revisit.setAppointmentType(new CodeableConcept().setText("tai-kham")).setDescription("Tái khám sau 7 ngày");
        revisit.addParticipant().setActor(subject).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        List<String> refs = server.store().transaction(List.of(visit, diagnosis, pulse, report, record, revisit),
                null);
        return PrescriptionFixtures.id(refs.get(4));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theTimeline_showsEveryKindNewestFirst() {
        UiClient.Response chart = doctor.get("/benh-nhan/" + patientId);
        assertThat(chart.status()).isEqualTo(200);
        String body = chart.body();
        assertThat(body).contains("Lương Thị Hồ Sơ").contains("Hải sản")
                .contains("entry-luot-kham").contains("J02.9 Viêm họng cấp").contains("88 /min")
                .contains("Phổi sáng hai bên").contains("Phiếu khám bệnh ngoại trú").contains("Tái khám sau 7 ngày")
                .contains(prescriptionCode).contains("Paracetamol 500mg — 6 Viên");
        assertThat(body.indexOf(prescriptionCode)).isLessThan(body.indexOf("Phiếu khám bệnh ngoại trú"));
        assertThat(body.indexOf("Tái khám sau 7 ngày")).isLessThan(body.indexOf("Phiếu khám bệnh ngoại trú"));
    }

    @Test
    void theKindFilter_keepsOnlyTheChosenKinds() {
        String body = doctor.get("/benh-nhan/" + patientId + "?loai=don-thuoc").body();
        assertThat(body).contains(prescriptionCode).doesNotContain("entry-luot-kham").doesNotContain("J02.9")
                .doesNotContain("Phổi sáng hai bên");
        String results = doctor.get("/benh-nhan/" + patientId + "?loai=ket-qua&loai=chan-doan").body();
        assertThat(results).contains("88 /min").contains("J02.9").doesNotContain(prescriptionCode);
    }

    @Test
    void theDateFilter_keepsTheRange_andABadDateIsRefusedNextToTheField() {
        UiClient.Response march = doctor.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                server.root() + "/benh-nhan/" + patientId + "?tu=2026-03-01&den=31/03/2026"))
                .header("HX-Request", "true").GET());
        assertThat(march.status()).isEqualTo(200);
        assertThat(march.body()).contains("id=\"timeline\"").contains("J02.9").doesNotContain(prescriptionCode)
                .doesNotContain("<header");
        UiClient.Response bad = doctor.get("/benh-nhan/" + patientId + "?tu=31-02-2026");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"error-tu\"").contains("VNEMR-6267").contains("31-02-2026");
    }

    @Test
    void aDocument_opensWithItsNarrativeAndPdfLink() {
        UiClient.Response document = doctor.get("/benh-nhan/" + patientId + "/tai-lieu/" + documentId);
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.body()).contains("Họng đỏ, <b>amidan sưng</b>.")
                .contains("/in/phieu-kham/" + documentId + ".pdf");
        assertThat(doctor.get("/benh-nhan/" + patientId).body())
                .contains("/benh-nhan/" + patientId + "/tai-lieu/" + documentId);
        String[] other = PrescriptionFixtures.visit(server, "Người Khác");
        assertThat(doctor.get("/benh-nhan/" + other[0] + "/tai-lieu/" + documentId).status()).isEqualTo(404);
    }

    @Test
    void narrativeMarkup_isReducedToPlainFormatting() {
        org.hl7.fhir.utilities.xhtml.XhtmlNode div = new org.hl7.fhir.utilities.xhtml.XhtmlNode(
                org.hl7.fhir.utilities.xhtml.NodeType.Element, "div");
        div.addTag("p").setAttribute("onclick", "steal()").addText("a<b");
        div.addTag("a").setAttribute("href", "javascript:x").addText("link");
        div.addTag("script").addText("alert(1)");
        assertThat(NarrativeHtml.of(div)).isEqualTo("<div><p>a&lt;b</p>link</div>");
    }

    @Test
    void patients_areFoundByFoldedNameOrMrn() {
        assertThat(doctor.get("/benh-nhan?q=luong%20thi%20ho%20so").body()).contains("id=\"patient-" + patientId + "\"");
        assertThat(doctor.get("/benh-nhan?q=khong-co-ai").body()).contains("id=\"no-patient\"");
        assertThat(doctor.get("/benh-nhan/khong-ton-tai").status()).isEqualTo(404);
    }
}

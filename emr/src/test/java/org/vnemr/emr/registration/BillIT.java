package org.vnemr.emr.registration;

import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.emr.charges.BedDays;
import org.vnemr.emr.charges.ChargeCapture;
import org.vnemr.emr.store.WriteRefused;
import org.vnemr.emr.testing.EmrTestServer;
import org.vnemr.emr.testing.UiClient;
import org.vnemr.platform.access.Role;
import org.vnemr.terminology.catalogue.CatalogueKind;
import org.vnemr.terminology.catalogue.Catalogues;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Viện phí over real HTTP: a visit with an 80 % card billed for its examination, a blood count, a drug and a drug
 * paid at 50 %, shown grouped by kind with each line's split and what the patient pays now; today's list with the
 * visit's totals; a code without a price refused; bed-days counted from the bed history and priced per day.
 */
class BillIT {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final LocalDate TODAY = LocalDate.now(VIETNAM);
    static EmrTestServer server;
    static UiClient clerk;
    static String visitId;

    @BeforeAll
    static void start() {
        server = EmrTestServer.start(Facility.configurations());
        Facility.setUp(server);
        Catalogues catalogues = server.bean(Catalogues.class);
        catalogues.activate(catalogues.importFile(CatalogueKind.BED, "bed.xlsx",
                BillIT.class.getResourceAsStream("/vnemr/catalogue/samples/bed.xlsx")).id(), LocalDate.of(2026, 1, 1));
        clerk = server.login(server.user(Role.REGISTRATION_CLERK, null));

        Map<String, String> patient = new HashMap<>(Map.of("fullName", "Trịnh Văn Viện Phí", "birthDate", "12/12/1972",
                "gender", "male", "cccd", "001072001234"));
        String patientId = clerk.post("/tiep-don/moi", patient).header("Location")
                .replaceAll(".*/tiep-don/([^/]+)/luot-kham$", "$1");
        DateTimeFormatter dmy = DateTimeFormatter.ofPattern("dd/MM/yyyy");
        Map<String, String> visit = new HashMap<>(Map.of("room", Facility.ROOM_1, "visitType", "01",
                "bhytNumber", "DN4010123456780", "bhytFrom", dmy.format(TODAY.minusMonths(2)),
                "bhytTo", dmy.format(TODAY.plusMonths(10)), "bhytFacility", "01001"));
        UiClient.Response registered = clerk.post("/tiep-don/" + patientId + "/luot-kham", visit);
        assertThat(registered.status()).as(registered.body()).isEqualTo(302);
        visitId = registered.header("Location").replaceAll(".*/", "");

        Encounter stored = server.store().read(Encounter.class, visitId, null).orElseThrow();
        ServiceRequest lab = new ServiceRequest();
        lab.setId("urn:uuid:0b5c3f4e-1d1e-4c8e-9a60-3d2f7c1f0001");
        lab.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
        lab.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        lab.addCategory(new CodeableConcept(new Coding("http://snomed.info/sct", "108252007", "Laboratory procedure")));
        lab.getCode().addCoding(new Coding(CatalogueKind.SERVICE.system(), Facility.LAB_CODE, "Tổng phân tích"));
        lab.setSubject(stored.getSubject().copy());
        lab.setEncounter(new Reference("Encounter/" + visitId));
        Instant now = Instant.now();
        List<Resource> resources = new ArrayList<>(List.of(lab));
        resources.addAll(server.bean(ChargeCapture.class).chargesFor(stored, List.of(
                new ChargeCapture.Billable(CatalogueKind.SERVICE, Facility.LAB_CODE, BigDecimal.ONE, now,
                        new Reference(lab.getIdElement().getValue())),
                new ChargeCapture.Billable(CatalogueKind.DRUG, "40.17", BigDecimal.TEN, now, null),
                new ChargeCapture.Billable(CatalogueKind.DRUG, "40.563", BigDecimal.ONE, now, null))));
        server.store().transaction(resources, null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theRunningBill_groupsLinesByKind_withEachSplit_andWhatThePatientPaysNow() {
        UiClient.Response bill = clerk.get("/vien-phi/" + visitId);
        assertThat(bill.status()).isEqualTo(200);
        assertThat(bill.body()).contains("data-kind=\"KHAM\"").contains("data-kind=\"XET_NGHIEM\"")
                .contains("data-kind=\"THUOC\"").contains("Khám Nội").contains("Amoxicilin 500mg");
        // exam 52 000 (fund 40 480), lab 42 000 (32 320), amoxicillin 10 × 1 300 (10 000), insulin 230 000 at 50 %
        // of 215 000.5 = 107 500 covered (86 000): fund 168 800, co-pay 42 200, out of scope 126 000
        assertThat(bill.body()).contains("id=\"total\">337.000 đ<").contains("id=\"total-bhyt\">168.800 đ<")
                .contains("id=\"total-patient\">42.200 đ<").contains("id=\"total-out\">126.000 đ<")
                .contains("id=\"due-now\">168.200 đ<").contains("1.300 đ").contains("32.320 đ");
    }

    @Test
    void todaysList_showsTheVisitWithItsTotals() {
        UiClient.Response list = clerk.get("/vien-phi");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("Trịnh Văn Viện Phí").contains("337.000 đ").contains("168.200 đ")
                .contains("/vien-phi/" + visitId);
    }

    @Test
    void aCodeWithoutAPriceOnTheDay_isRefusedWithItsCode() {
        Encounter stored = server.store().read(Encounter.class, visitId, null).orElseThrow();
        assertThatThrownBy(() -> server.bean(ChargeCapture.class).chargesFor(stored, List.of(
                new ChargeCapture.Billable(CatalogueKind.SERVICE, "99.9999.9999", BigDecimal.ONE, Instant.now(),
                        null))))
                .isInstanceOf(WriteRefused.class)
                .satisfies(e -> assertThat(((WriteRefused) e).problems().get(0).code()).isEqualTo("VNEMR-6401"));
    }

    @Test
    void bedDays_countEachDayOnceForTheBedHeldAtItsEnd_andArePricedPerDay() {
        Location bedA = bed("giuong-h001", "K03/H001");
        Location bedB = bed("giuong-h002", "K03/H002");
        Encounter stay = new Encounter();
        stay.setId("urn:uuid:0b5c3f4e-1d1e-4c8e-9a60-3d2f7c1f0002");
        stay.setStatus(Encounter.EncounterStatus.INPROGRESS);
        stay.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient"));
        Encounter visit = server.store().read(Encounter.class, visitId, null).orElseThrow();
        stay.setSubject(visit.getSubject().copy());
        Date admitted = at(TODAY.minusDays(3), 10);
        Date moved = at(TODAY.minusDays(1), 15);
        stay.setPeriod(new Period().setStart(admitted));
        stay.addLocation().setLocation(new Reference("Location/giuong-h001")).setPeriod(new Period()
                .setStart(admitted).setEnd(moved));
        stay.addLocation().setLocation(new Reference("Location/giuong-h002")).setPeriod(new Period().setStart(moved));
        List<String> refs = server.store().transaction(List.of(bedA, bedB, stay), null);
        Encounter stored = server.store().read(Encounter.class, refs.get(2).substring("Encounter/".length()), null)
                .orElseThrow();

        List<ChargeCapture.Billable> days = server.bean(BedDays.class).bedDays(stored, null, TODAY);
        assertThat(days).extracting(ChargeCapture.Billable::code)
                .containsExactly("K03/H001", "K03/H001", "K03/H002", "K03/H002");
        assertThat(server.bean(BedDays.class).bedDays(stored, TODAY.minusDays(2), TODAY)).hasSize(2);
        List<ChargeItem> priced = server.bean(ChargeCapture.class).chargesFor(stored, days);
        assertThat(priced).hasSize(4);
        assertThat(priced.get(0).getPriceOverride().getValue()).isPositive();
    }

    private static Location bed(String id, String code) {
        Location bed = new Location();
        bed.setId(id);
        bed.setName("Giường " + code);
        bed.setPhysicalType(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/location-physical-type", "bd", "Bed")));
        bed.addIdentifier(new Identifier().setSystem(BedDays.BED_CODE_SYSTEM).setValue(code));
        return bed;
    }

    private static Date at(LocalDate day, int hour) {
        return Date.from(day.atTime(LocalTime.of(hour, 0)).atZone(VIETNAM).toInstant());
    }
}

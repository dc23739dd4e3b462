package org.vnemr.emr.outpatient;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.vnemr.emr.testing.EmrTestServer;
import org.vnemr.terminology.CodeLookup;
import org.vnemr.terminology.catalogue.CatalogueKind;
import org.vnemr.terminology.catalogue.CatalogueVersion;
import org.vnemr.terminology.catalogue.Catalogues;
import org.vnemr.terminology.load.TerminologyLoader;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small facility for the outpatient tests: facility, outpatient / internal-medicine / laboratory departments, one
 * clinic room, a doctor, ICD-10 and the sample service catalogue loaded, and waiting patients on demand.
 */
final class OutpatientFixture {

    static final String ROOM = "phong-kham-1";
    static final String DOCTOR = "bs-an";
    static final String WARD = "khoa-noi";
    private static final AtomicInteger QUEUE = new AtomicInteger();

    private final EmrTestServer server;

    OutpatientFixture(EmrTestServer server) {
        this.server = server;
    }

    /** Loads ICD-10 VN and the code systems, activates the sample service catalogue, writes the facility. */
    OutpatientFixture setUp() throws Exception {
        server.bean(TerminologyLoader.class).loadAll();
        if (server.bean(CodeLookup.class).lookup(VisitCodes.CS_ICD10, "J18.9").isEmpty()) {
            throw new IllegalStateException("ICD-10 VN did not load");
        }
        Catalogues catalogues = server.bean(Catalogues.class);
        try (var xlsx = OutpatientFixture.class.getResourceAsStream("/vnemr/catalogue/samples/service.xlsx")) {
            CatalogueVersion v = catalogues.importFile(CatalogueKind.SERVICE, "service.xlsx", xlsx);
            catalogues.activate(v.id(), LocalDate.of(2020, 1, 1));
        }
        Organization facility = new Organization();
        facility.setId("facility");
        facility.addIdentifier().setSystem(VisitCodes.SID_MA_CSKCB).setValue("79001");
        facility.setName("Bệnh viện Thử nghiệm");
        Organization outpatient = department("khoa-kham-benh", "K01", "Khoa Khám bệnh", "kham-benh");
        Organization ward = department(WARD, "K02", "Khoa Nội", "noi");
        Organization lab = department("khoa-xet-nghiem", "K38", "Khoa Xét nghiệm", "cls");
        Location room = new Location();
        room.setId(ROOM);
        room.setName("Phòng khám Nội 1");
        room.addIdentifier().setSystem(VisitCodes.V + "/sid/phong-kham").setValue("PK01");
        room.addType().setText("phong-kham");
        room.getPhysicalType().addCoding().setSystem(
                "http://terminology.hl7.org/CodeSystem/location-physical-type").setCode("ro");
        room.setManagingOrganization(new Reference("Organization/khoa-kham-benh"));
        Practitioner doctor = new Practitioner();
        doctor.setId(DOCTOR);
        doctor.addIdentifier().setSystem(VisitCodes.VN + "/sid/cchn").setValue("000123/HCM-CCHN");
        doctor.addName().setText("BS. Trần Văn An");
        server.store().transaction(List.of(facility, outpatient, ward, lab, room, doctor), null);
        return this;
    }

    private static Organization department(String id, String code, String name, String kind) {
        Organization o = new Organization();
        o.setId(id);
        o.addIdentifier().setSystem(VisitCodes.V + "/sid/ma-khoa").setValue(code);
        o.setName(name);
        o.addType().setText(kind);
        o.setPartOf(new Reference("Organization/facility"));
        return o;
    }

    /** A woman born 2001 waiting in the room (status arrived), with a penicillin allergy and a BHYT card. */
    String waitingPatient(String name) {
        return waitingPatient(name, false);
    }

    /** A patient waiting in the room; {@code male}: a man born 2000 instead of the woman born 2001. */
    String waitingPatient(String name, boolean male) {
        String patientId = "bn-" + UUID.randomUUID().toString().substring(0, 8);
        Patient p = new Patient();
        p.setId(patientId);
        p.addIdentifier().setSystem("https://vnemr.org/fhir/sid/ma-bn").setValue("BN" + String.format("%08d",
                QUEUE.incrementAndGet()));
        p.addIdentifier().setSystem(VisitCodes.VN + "/sid/cccd").setValue(male ? "079200012345" : "079301012345");
        p.addName().setText(name);
        p.setGender(male ? Enumerations.AdministrativeGender.MALE : Enumerations.AdministrativeGender.FEMALE);
        p.setBirthDateElement(new DateType(male ? "2000-01-01" : "2001-05-10"));
        AllergyIntolerance allergy = new AllergyIntolerance();
        allergy.setPatient(new Reference("Patient/" + patientId));
        allergy.getCode().setText("Penicillin");
        Coverage card = new Coverage();
        card.setStatus(Coverage.CoverageStatus.ACTIVE);
        card.addIdentifier().setSystem(VisitCodes.VN + "/sid/bhyt").setValue("HT4790123456789");
        card.setBeneficiary(new Reference("Patient/" + patientId));
        card.addPayor().setDisplay("BHXH Việt Nam");
        card.setPeriod(new Period().setStart(date(LocalDate.of(2026, 1, 1))).setEnd(date(LocalDate.of(2030, 12, 31))));
        card.addClass_().setValue("80").getType().setText("muc-huong");
        Encounter e = new Encounter();
        String encounterId = "lk-" + UUID.randomUUID().toString().substring(0, 8);
        e.setId(encounterId);
        e.setStatus(Encounter.EncounterStatus.ARRIVED);
        e.getClass_().setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode").setCode("AMB");
        e.setSubject(new Reference("Patient/" + patientId));
        e.setServiceProvider(new Reference("Organization/khoa-kham-benh"));
        e.addLocation().setLocation(new Reference("Location/" + ROOM));
        e.addIdentifier().setSystem(VisitCodes.SID_QUEUE).setValue(ROOM + "-"
                + DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"))) + "-"
                + QUEUE.incrementAndGet());
        e.addReasonCode().setText("Ho, sốt 3 ngày");
        e.setPeriod(new Period().setStart(new Date()));
        List<Resource> all = List.of(p, allergy, card, e);
        server.store().transaction(all, null);
        return encounterId;
    }

    private static Date date(LocalDate day) {
        return Date.from(day.atStartOfDay(ZoneId.of("Asia/Ho_Chi_Minh")).toInstant());
    }
}

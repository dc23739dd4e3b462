package org.vnemr.emr.inpatient;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.testing.EmrTestServer;
import org.vnemr.terminology.catalogue.CatalogueEntry;
import org.vnemr.terminology.catalogue.CatalogueKind;
import org.vnemr.terminology.catalogue.CatalogueVersion;
import org.vnemr.terminology.catalogue.Catalogues;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A small facility set up per docs/architecture/clinical-data.md for the inpatient tests: the facility, an
 * internal-medicine and a surgery department with three beds each, a doctor and a nurse, and the sample service
 * and drug catalogues in force. Ids are unique per call so tests of one server do not share beds.
 */
final class Ward {

    final String tag = UUID.randomUUID().toString().substring(0, 8);
    final String medicine = "noi-" + tag;
    final String surgery = "ngoai-" + tag;
    final List<String> medicineBeds = new ArrayList<>();
    final List<String> surgeryBeds = new ArrayList<>();
    final String doctor = "bs-" + tag;
    final String nurse = "dd-" + tag;

    Ward(EmrTestServer server) {
        ClinicalStore store = server.store();
        List<Resource> setUp = new ArrayList<>();
        Organization facility = new Organization();
        facility.setId("facility");
        facility.setName("Bệnh viện thử nghiệm");
        facility.addIdentifier().setSystem(Fhir.MA_CSKCB).setValue("01001");
        setUp.add(facility);
        setUp.add(department(medicine, "Khoa Nội " + tag, "K01", "noi"));
        setUp.add(department(surgery, "Khoa Ngoại " + tag, "K10", "ngoai"));
        for (int i = 1; i <= 3; i++) {
            setUp.add(bed(medicine, "N" + i, medicineBeds));
            setUp.add(bed(surgery, "G" + i, surgeryBeds));
        }
        setUp.add(practitioner(doctor, "Trần Thị Bác Sĩ", "000111/HNO-CCHN"));
        setUp.add(practitioner(nurse, "Lê Văn Điều Dưỡng", "000222/HNO-CCHN"));
        store.transaction(setUp, null);
    }

    /**
     * Adds a department of {@code kind} (Organization.type text) with two beds, {@code <id>-b1} and
     * {@code <id>-b2}; returns its id.
     */
    String addDepartment(EmrTestServer server, String kind, String code) {
        String id = kind + "-" + tag;
        List<Resource> setUp = new ArrayList<>();
        setUp.add(department(id, "Khoa " + kind + " " + tag, code, kind));
        List<String> beds = new ArrayList<>();
        setUp.add(bed(id, "B1", beds));
        setUp.add(bed(id, "B2", beds));
        server.store().transaction(setUp, null);
        return id;
    }

    private static Organization department(String id, String name, String code, String kind) {
        Organization d = new Organization();
        d.setId(id);
        d.setName(name);
        d.setPartOf(new Reference("Organization/facility"));
        d.addIdentifier().setSystem(Fhir.MA_KHOA).setValue(code);
        d.addType().setText(kind);
        return d;
    }

    private Location bed(String department, String name, List<String> ids) {
        Location bed = new Location();
        String id = department + "-" + name.toLowerCase();
        bed.setId(id);
        bed.setName("Giường " + name);
        bed.setPhysicalType(Fhir.concept("http://terminology.hl7.org/CodeSystem/location-physical-type", "bd", "Bed"));
        bed.setManagingOrganization(new Reference("Organization/" + department));
        bed.addIdentifier().setSystem(Fhir.MA_GIUONG).setValue("K01.1.H1." + name);
        bed.setOperationalStatus(new Coding(Fhir.BED_STATUS, "U", "Unoccupied"));
        ids.add(id);
        return bed;
    }

    private static Practitioner practitioner(String id, String name, String licence) {
        Practitioner p = new Practitioner();
        p.setId(id);
        p.addName(new HumanName().setText(name));
        p.addIdentifier().setSystem(Fhir.VN + "/sid/cchn").setValue(licence);
        return p;
    }

    /** A new patient; returns its id. */
    String patient(EmrTestServer server, String name, Enumerations.AdministrativeGender gender, LocalDate birth) {
        Patient p = new Patient();
        p.setId("bn-" + UUID.randomUUID().toString().substring(0, 12));
        p.addName(new HumanName().setText(name));
        p.addIdentifier().setSystem(Fhir.MA_BN).setValue("BN" + String.format("%08d",
                (int) (Math.random() * 100_000_000)));
        p.setGender(gender);
        p.setBirthDate(java.sql.Date.valueOf(birth));
        server.store().transaction(List.of(p), null);
        return p.getIdPart();
    }

    /** Puts the sample catalogue of {@code kind} in force (once per server) and returns entries valid today. */
    static List<CatalogueEntry> catalogue(EmrTestServer server, CatalogueKind kind) {
        Catalogues catalogues = server.bean(Catalogues.class);
        if (catalogues.versions(kind).stream().noneMatch(v -> v.status() == CatalogueVersion.Status.ACTIVE)) {
            CatalogueVersion v = catalogues.importFile(kind, kind.slug() + ".xlsx",
                    Ward.class.getResourceAsStream("/vnemr/catalogue/samples/" + kind.slug() + ".xlsx"));
            catalogues.activate(v.id(), LocalDate.of(2020, 1, 1));
        }
        CatalogueVersion active = catalogues.versions(kind).stream()
                .filter(v -> v.status() == CatalogueVersion.Status.ACTIVE).findFirst().orElseThrow();
        return catalogues.entries(active.id()).stream()
                .filter(e -> catalogues.entryOn(kind, e.code(), LocalDate.now(Fhir.ZONE)).isPresent()).toList();
    }
}

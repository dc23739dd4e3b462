package org.vnemr.emr.registration;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.vnemr.emr.testing.EmrTestServer;
import org.vnemr.terminology.catalogue.CatalogueConfiguration;
import org.vnemr.terminology.catalogue.CatalogueKind;
import org.vnemr.terminology.catalogue.Catalogues;
import org.vnemr.vncore.VnCoreConfiguration;
import org.vnemr.vncore.VnCoreUrls;
import org.vnemr.vncore.matching.PatientMatchingConfiguration;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;

/**
 * A small facility for the registration and bill tests: Organization/facility (MA_CSKCB 01001), the outpatient
 * department K01, two clinic rooms, and the service catalogue with an examination ("Khám Nội", BHYT 50 600 đ,
 * facility price 52 000 đ) and a blood count, plus the sample drug catalogue, all in force since 01/01/2026.
 */
final class Facility {

    static final String EXAM_CODE = "15.0001.1896";
    static final String LAB_CODE = "22.0120.1370";
    static final String ROOM_1 = "phong-kham-noi-1";
    static final String ROOM_2 = "phong-kham-noi-2";

    private Facility() {
    }

    static List<Class<?>> configurations() {
        return List.of(CatalogueConfiguration.class, VnCoreConfiguration.class, PatientMatchingConfiguration.class);
    }

    static void setUp(EmrTestServer server) {
        Organization facility = new Organization();
        facility.setId("facility");
        facility.setName("Bệnh viện Đa khoa Thử nghiệm");
        facility.addIdentifier(new Identifier().setSystem(VnCoreUrls.SID_MA_CSKCB).setValue("01001"));
        Organization department = new Organization();
        department.setId("khoa-kham-benh");
        department.setName("Khoa Khám bệnh");
        department.setPartOf(new Reference("Organization/facility"));
        department.addIdentifier(new Identifier().setSystem("https://vnemr.org/fhir/sid/ma-khoa").setValue("K01"));
        department.addType(new CodeableConcept().setText("kham-benh"));
        server.store().transaction(List.of(facility, department, room(ROOM_1, "P101", "Phòng khám Nội 1"),
                room(ROOM_2, "P102", "Phòng khám Nội 2")), null);

        Catalogues catalogues = server.bean(Catalogues.class);
        String services = catalogues.importFile(CatalogueKind.SERVICE, "dvkt-test.xlsx", serviceCatalogue()).id();
        catalogues.activate(services, LocalDate.of(2026, 1, 1));
        String drugs = catalogues.importFile(CatalogueKind.DRUG, "drug.xlsx",
                Facility.class.getResourceAsStream("/vnemr/catalogue/samples/drug.xlsx")).id();
        catalogues.activate(drugs, LocalDate.of(2026, 1, 1));
    }

    private static Location room(String id, String code, String name) {
        Location room = new Location();
        room.setId(id);
        room.setName(name);
        room.setStatus(Location.LocationStatus.ACTIVE);
        room.addIdentifier(new Identifier().setSystem(ClinicRooms.ROOM_SYSTEM).setValue(code));
        room.addType(new CodeableConcept().setText("phong-kham"));
        room.setPhysicalType(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/location-physical-type", "ro", "Room")));
        room.setManagingOrganization(new Reference("Organization/khoa-kham-benh"));
        return room;
    }

    private static ByteArrayInputStream serviceCatalogue() {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("DVKT");
            Object[][] rows = {
                    {"STT", "MA_DICH_VU", "TEN_DICH_VU", "DON_VI_TINH", "DON_GIA_BH", "DON_GIA_BV"},
                    {1, "22.0120.1370", "Tổng phân tích tế bào máu ngoại vi (bằng máy đếm laser)", "Lần", 40400, 42000},
                    {2, EXAM_CODE, "Khám Nội", "Lần", 50600, 52000},
            };
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    Object v = rows[r][c];
                    if (v instanceof Number n) {
                        row.createCell(c).setCellValue(n.doubleValue());
                    } else {
                        row.createCell(c).setCellValue(v.toString());
                    }
                }
            }
            book.write(out);
            return new ByteArrayInputStream(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

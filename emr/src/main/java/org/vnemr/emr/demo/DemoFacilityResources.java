package org.vnemr.emr.demo;

import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.vnemr.vncore.VnCoreUrls;
import org.vnemr.vncore.address.AdministrativeUnits;
import org.vnemr.vncore.address.Province;
import org.vnemr.vncore.address.Ward;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The facility's set-up resources (facility, departments, clinic rooms, beds, staff) with fixed ids, so that they
 * are written once with PUT and screens can name them ({@code Organization/khoa-noi}, {@code Location/phong-kham-1}).
 */
final class DemoFacilityResources {

    private static final String V = DemoHistory.V;
    private static final String BED_STATUS = "http://terminology.hl7.org/CodeSystem/v2-0116";
    private static final String PHYSICAL_TYPE = "http://terminology.hl7.org/CodeSystem/location-physical-type";

    private DemoFacilityResources() {
    }

    static List<Resource> all(AdministrativeUnits units, long seed) {
        List<Resource> out = new ArrayList<>();
        Province province = units.province(DemoFacilityPlan.PROVINCE).orElseThrow();
        Ward ward = units.wardsOf(province.code()).get(0);
        Organization facility = tagged(new Organization(), "facility");
        facility.addIdentifier().setSystem(VnCoreUrls.SID_MA_CSKCB).setValue(DemoFacilityPlan.FACILITY_CODE);
        facility.setActive(true).setName(DemoFacilityPlan.FACILITY_NAME);
        facility.addType(new CodeableConcept(new Coding(VnCoreUrls.CS + "vn-organization-type-cs", "BV",
                "Bệnh viện")).setText("Bệnh viện đa khoa"));
        Address address = facility.addAddress().setUse(Address.AddressUse.WORK).setCountry("VN")
                .setText("Số 1 đường Mẫu, " + ward.fullName() + ", " + province.fullName())
                .setCity(ward.fullName()).setState(province.fullName());
        address.addLine("Số 1 đường Mẫu");
        address.addExtension(VnCoreUrls.EXT_PROVINCE, new Coding(VnCoreUrls.CS_PROVINCE, province.code(),
                province.fullName()));
        address.addExtension(VnCoreUrls.EXT_WARD, new Coding(VnCoreUrls.CS_WARD, ward.code(), ward.fullName()));
        out.add(facility);
        for (DemoFacilityPlan.Department d : DemoFacilityPlan.DEPARTMENTS) {
            Organization org = tagged(new Organization(), d.id());
            org.addIdentifier().setSystem(V + "/sid/ma-khoa").setValue(d.maKhoa());
            org.setActive(true).setName(d.name()).setPartOf(new Reference("Organization/facility"));
            org.addType().setText(d.kind());
            out.add(org);
        }
        for (DemoFacilityPlan.Room r : DemoFacilityPlan.ROOMS) {
            Location room = tagged(new Location(), r.id());
            room.addIdentifier().setSystem(V + "/sid/phong-kham").setValue(r.code());
            room.setStatus(Location.LocationStatus.ACTIVE).setName(r.name())
                    .setMode(Location.LocationMode.INSTANCE)
                    .setPhysicalType(new CodeableConcept(new Coding(PHYSICAL_TYPE, "ro", "Room")))
                    .setManagingOrganization(new Reference("Organization/" + r.departmentId()));
            room.addType().setText("phong-kham");
            out.add(room);
        }
        java.util.Set<String> wards = new java.util.HashSet<>();
        for (DemoFacilityPlan.Bed b : DemoFacilityPlan.beds()) {
            if (wards.add(b.wardId())) {
                Location room = tagged(new Location(), b.wardId());
                room.setStatus(Location.LocationStatus.ACTIVE).setMode(Location.LocationMode.INSTANCE)
                        .setName(b.ward() + " - " + DemoFacilityPlan.department(b.departmentId()).name())
                        .setPhysicalType(new CodeableConcept(new Coding(PHYSICAL_TYPE, "ro", "Room")))
                        .setManagingOrganization(new Reference("Organization/" + b.departmentId()));
                room.addType().setText("buong-benh");
                out.add(room);
            }
            out.add(bed(b, false));
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int licence = 1000;
        for (DemoFacilityPlan.Staff s : DemoFacilityPlan.staff()) {
            boolean male = random.nextBoolean();
            var name = org.vnemr.vncore.synthetic.VietnameseNames.get().pick(random, male);
            Practitioner p = tagged(new Practitioner(), s.practitionerId());
            if (s.licensed()) {
                p.addIdentifier().setSystem(VnCoreUrls.SID_CCHN)
                        .setValue(String.format("%06d", licence++) + "/HCM-CCHN");
            } else {
                int year = 1970 + random.nextInt(30);
                p.addIdentifier().setSystem(VnCoreUrls.SID_CCCD).setValue("079" + (male ? 0 : 1)
                        + String.format("%02d", year % 100) + String.format("%06d", random.nextInt(1_000_000)));
            }
            p.setActive(true);
            p.addName().setText(name.text()).setFamily(name.family()).addGiven(name.middle()).addGiven(name.given())
                    .addPrefix(s.title());
            p.setGender(male ? org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.MALE
                    : org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
            out.add(p);
            PractitionerRole role = tagged(new PractitionerRole(), "vt-" + s.username().replace('.', '-'));
            role.setActive(true).setPractitioner(new Reference("Practitioner/" + s.practitionerId()))
                    .setOrganization(new Reference("Organization/" + s.departmentId()));
            role.addCode(new CodeableConcept(new Coding(V + "/CodeSystem/role", s.role().code(),
                    s.role().vietnamese())));
            out.add(role);
        }
        return out;
    }

    /** A bed's Location; {@code occupied} sets operationalStatus O instead of U. */
    static Location bed(DemoFacilityPlan.Bed b, boolean occupied) {
        Location bed = tagged(new Location(), b.id());
        bed.addIdentifier(new Identifier().setSystem(V + "/sid/ma-giuong").setValue(b.catalogueCode()));
        bed.setStatus(Location.LocationStatus.ACTIVE)
                .setName("Giường " + b.maGiuong() + " - " + b.ward() + " - "
                        + DemoFacilityPlan.department(b.departmentId()).name())
                .setMode(Location.LocationMode.INSTANCE)
                .setPhysicalType(new CodeableConcept(new Coding(PHYSICAL_TYPE, "bd", "Bed")))
                .setManagingOrganization(new Reference("Organization/" + b.departmentId()))
                .setOperationalStatus(occupied ? new Coding(BED_STATUS, "O", "Occupied")
                        : new Coding(BED_STATUS, "U", "Unoccupied"));
        bed.setDescription(b.ward());
        bed.setPartOf(new Reference("Location/" + b.wardId()));
        return bed;
    }

    private static <T extends Resource> T tagged(T resource, String id) {
        resource.setId(id);
        resource.getMeta().addTag(DemoHistory.DEMO_TAG_SYSTEM, DemoHistory.DEMO_TAG, "Dữ liệu mẫu");
        return resource;
    }
}

package org.vnemr.emr.demo;

import org.vnemr.platform.access.Role;

import java.util.ArrayList;
import java.util.List;

/**
 * The layout of the synthetic facility: departments, clinic rooms, beds and staff, as plain data. Only the
 * departments and beds of the sample catalogues are priced; the facility has more beds than the sample bed
 * catalogue lists, so stays (which bill bed-days) only use {@link #PRICED_BEDS}.
 */
final class DemoFacilityPlan {

    /** Mã CSKCB: 79 = Hồ Chí Minh (legacy province code, as on BHYT cards). */
    static final String FACILITY_CODE = "79999";
    static final String FACILITY_NAME = "Bệnh viện Đa khoa Vnemr (dữ liệu mẫu)";
    /** Province 79 (TP. Hồ Chí Minh) after the 2025 reform. */
    static final String PROVINCE = "79";

    /**
     * A department. {@code kind} is the contract's type text. {@code maKhoa} comes from the sample department
     * catalogue when it has one (K01, K03, K19); paediatrics, obstetrics, laboratory and pharmacy are not in the
     * sample, so they carry placeholder codes (K48, K26, K42, K45) that a real facility replaces with its own
     * department catalogue; no demo visit is billed to them.
     */
    record Department(String id, String kind, String maKhoa, String name, boolean inSampleCatalogue) {
    }

    record Room(String id, String code, String name, String departmentId) {
    }

    record Bed(String id, String maKhoa, String maGiuong, String departmentId, String ward) {
        String catalogueCode() {
            return maKhoa + "/" + maGiuong;
        }

        /** The ward room (buồng) Location the bed is part of. */
        String wardId() {
            return "buong-" + maKhoa.toLowerCase() + "-" + ward.substring(ward.lastIndexOf(' ') + 1);
        }
    }

    record Staff(String username, Role role, String departmentId, String title, boolean licensed) {
        String practitionerId() {
            return "nv-" + username.replace('.', '-');
        }
    }

    static final List<Department> DEPARTMENTS = List.of(
            new Department("khoa-kham-benh", "kham-benh", "K01", "Khoa Khám bệnh", true),
            new Department("khoa-noi", "noi", "K03", "Khoa Nội tổng hợp", true),
            new Department("khoa-ngoai", "ngoai", "K19", "Khoa Ngoại tổng hợp", true),
            new Department("khoa-nhi", "nhi", "K48", "Khoa Nhi", false),
            new Department("khoa-san", "san", "K26", "Khoa Phụ sản", false),
            new Department("khoa-cls", "cls", "K42", "Khoa Xét nghiệm và Chẩn đoán hình ảnh", false),
            new Department("khoa-duoc", "duoc", "K45", "Khoa Dược", false));

    static final List<Room> ROOMS = List.of(
            new Room("phong-kham-1", "PK01", "Phòng khám Nội 1", "khoa-kham-benh"),
            new Room("phong-kham-2", "PK02", "Phòng khám Nội 2", "khoa-kham-benh"),
            new Room("phong-kham-3", "PK03", "Phòng khám Ngoại", "khoa-kham-benh"),
            new Room("phong-kham-4", "PK04", "Phòng khám Nhi", "khoa-kham-benh"),
            new Room("phong-kham-5", "PK05", "Phòng khám Sản", "khoa-kham-benh"),
            new Room("phong-kham-6", "PK06", "Phòng khám Tai Mũi Họng", "khoa-kham-benh"));

    /** The beds of the sample bed catalogue: the only ones whose bed-day has a price. */
    static final List<Bed> PRICED_BEDS = List.of(
            new Bed("giuong-k03-h001", "K03", "H001", "khoa-noi", "Buồng 1"),
            new Bed("giuong-k03-h002", "K03", "H002", "khoa-noi", "Buồng 1"),
            new Bed("giuong-k03-t001", "K03", "T001", "khoa-noi", "Buồng 1"),
            new Bed("giuong-k19-h001", "K19", "H001", "khoa-ngoai", "Buồng 1"),
            new Bed("giuong-k19-c001", "K19", "C001", "khoa-ngoai", "Buồng 1"));

    /** ~60 beds: the priced ones plus planned beds numbered like the catalogue (H = giường kế hoạch). */
    static List<Bed> beds() {
        List<Bed> beds = new ArrayList<>(PRICED_BEDS);
        addBeds(beds, "K03", "khoa-noi", 3, 20);
        addBeds(beds, "K19", "khoa-ngoai", 2, 16);
        addBeds(beds, "K48", "khoa-nhi", 1, 10);
        addBeds(beds, "K26", "khoa-san", 1, 9);
        return beds;
    }

    private static void addBeds(List<Bed> beds, String maKhoa, String departmentId, int from, int to) {
        for (int n = from; n <= to; n++) {
            String code = String.format("H%03d", n);
            beds.add(new Bed("giuong-" + maKhoa.toLowerCase() + "-" + code.toLowerCase(), maKhoa, code,
                    departmentId, "Buồng " + (1 + (n - 1) / 4)));
        }
    }

    /** One account per person; every role of the access matrix has at least one. */
    static List<Staff> staff() {
        List<Staff> staff = new ArrayList<>();
        for (int i = 1; i <= ROOMS.size(); i++) {
            staff.add(new Staff("bs.kb" + i, Role.DOCTOR, "khoa-kham-benh", "Bác sĩ", true));
        }
        for (String kind : List.of("noi", "ngoai", "nhi", "san")) {
            for (int i = 1; i <= 2; i++) {
                staff.add(new Staff("bs." + kind + i, Role.DOCTOR, "khoa-" + kind, "Bác sĩ", true));
            }
            staff.add(new Staff("dd." + kind + "1", Role.NURSE, "khoa-" + kind, "Điều dưỡng", true));
            staff.add(new Staff("truongkhoa." + kind, Role.DEPARTMENT_HEAD, "khoa-" + kind, "Trưởng khoa", true));
        }
        staff.add(new Staff("dd.kb1", Role.NURSE, "khoa-kham-benh", "Điều dưỡng", true));
        staff.add(new Staff("tiepdon1", Role.REGISTRATION_CLERK, "khoa-kham-benh", "Nhân viên tiếp đón", false));
        staff.add(new Staff("tiepdon2", Role.REGISTRATION_CLERK, "khoa-kham-benh", "Nhân viên tiếp đón", false));
        staff.add(new Staff("duoc1", Role.PHARMACIST, "khoa-duoc", "Dược sĩ", true));
        staff.add(new Staff("xn1", Role.LAB_TECHNICIAN, "khoa-cls", "Kỹ thuật viên", true));
        staff.add(new Staff("giamdinh1", Role.INSURANCE_ASSESSOR, "khoa-kham-benh", "Giám định viên BHYT", false));
        staff.add(new Staff("kiemtra1", Role.AUDITOR, "khoa-kham-benh", "Kiểm tra viên", false));
        staff.add(new Staff("quantri1", Role.ADMINISTRATOR, "khoa-kham-benh", "Quản trị hệ thống", false));
        return staff;
    }

    static Department department(String id) {
        return DEPARTMENTS.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }

    private DemoFacilityPlan() {
    }
}

package org.vnemr.platform.access;

import java.time.LocalTime;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import static org.vnemr.platform.access.Scope.ALL_DEPARTMENTS;
import static org.vnemr.platform.access.Scope.NONE;
import static org.vnemr.platform.access.Scope.OWN_DEPARTMENT;
import static org.vnemr.platform.access.Scope.OWN_PATIENTS;

/**
 * Vai trò × quyền × phạm vi — the access matrix of the facility node, as code. Each role lists its scope for each
 * {@link Permission}, in the order VIEW, CREATE, EDIT, SIGN, CANCEL, RESTORE, PRINT, EXPORT, and the hours (local
 * time) in which it may act at all. {@code docs/security/access-matrix.md} is generated from this table
 * ({@link AccessMatrixDoc}); a test fails when the two differ.
 *
 * <p>Principles: least privilege (administrators manage the system, not records; the auditor only reads);
 * clinicians work in their department and change only what belongs to their own patients; services that serve the
 * whole facility (registration, pharmacy, laboratory, insurance) see all departments; anything beyond is
 * break-the-glass.
 */
public enum Role {
    //                                   VIEW             CREATE           EDIT             SIGN
    //                                   CANCEL           RESTORE          PRINT            EXPORT
    ADMINISTRATOR("administrator", "Quản trị hệ thống", null,
            NONE, NONE, NONE, NONE,
            NONE, ALL_DEPARTMENTS, NONE, ALL_DEPARTMENTS),
    DOCTOR("doctor", "Bác sĩ", null,
            OWN_DEPARTMENT, OWN_DEPARTMENT, OWN_PATIENTS, OWN_PATIENTS,
            OWN_PATIENTS, NONE, OWN_DEPARTMENT, NONE),
    NURSE("nurse", "Điều dưỡng", null,
            OWN_DEPARTMENT, OWN_DEPARTMENT, OWN_DEPARTMENT, OWN_PATIENTS,
            NONE, NONE, OWN_DEPARTMENT, NONE),
    REGISTRATION_CLERK("registration-clerk", "Nhân viên tiếp đón", "06:00-21:00",
            ALL_DEPARTMENTS, ALL_DEPARTMENTS, ALL_DEPARTMENTS, NONE,
            ALL_DEPARTMENTS, NONE, ALL_DEPARTMENTS, NONE),
    PHARMACIST("pharmacist", "Dược sĩ", null,
            ALL_DEPARTMENTS, ALL_DEPARTMENTS, OWN_PATIENTS, OWN_PATIENTS,
            OWN_PATIENTS, NONE, ALL_DEPARTMENTS, NONE),
    LAB_TECHNICIAN("lab-technician", "Kỹ thuật viên xét nghiệm / chẩn đoán hình ảnh", null,
            ALL_DEPARTMENTS, ALL_DEPARTMENTS, OWN_PATIENTS, OWN_PATIENTS,
            OWN_PATIENTS, NONE, ALL_DEPARTMENTS, NONE),
    DEPARTMENT_HEAD("department-head", "Trưởng khoa", null,
            OWN_DEPARTMENT, OWN_DEPARTMENT, OWN_DEPARTMENT, OWN_DEPARTMENT,
            OWN_DEPARTMENT, OWN_DEPARTMENT, OWN_DEPARTMENT, OWN_DEPARTMENT),
    INSURANCE_ASSESSOR("insurance-assessor", "Giám định viên BHYT", "07:00-19:00",
            ALL_DEPARTMENTS, NONE, NONE, NONE,
            NONE, NONE, ALL_DEPARTMENTS, ALL_DEPARTMENTS),
    AUDITOR("auditor", "Kiểm tra viên (chỉ đọc)", null,
            ALL_DEPARTMENTS, NONE, NONE, NONE,
            NONE, NONE, NONE, NONE);

    private final String code;
    private final String vietnamese;
    private final LocalTime from;
    private final LocalTime to;
    private final Map<Permission, Scope> grants = new EnumMap<>(Permission.class);

    Role(String code, String vietnamese, String hours, Scope... scopes) {
        this.code = code;
        this.vietnamese = vietnamese;
        this.from = hours == null ? null : LocalTime.parse(hours.substring(0, 5));
        this.to = hours == null ? null : LocalTime.parse(hours.substring(6));
        Permission[] permissions = Permission.values();
        if (scopes.length != permissions.length) {
            throw new IllegalStateException(name() + " must give a scope for each of " + Arrays.toString(permissions));
        }
        for (int i = 0; i < permissions.length; i++) {
            grants.put(permissions[i], scopes[i]);
        }
    }

    /** The code used in accounts, tokens and the audit trail. */
    public String code() {
        return code;
    }

    public String vietnamese() {
        return vietnamese;
    }

    public Scope scope(Permission permission) {
        return grants.get(permission);
    }

    /** True when the role may act at this local time (no window: any time). */
    public boolean activeAt(LocalTime time) {
        if (from == null) {
            return true;
        }
        return from.isBefore(to) ? !time.isBefore(from) && time.isBefore(to) : !time.isBefore(from) || time.isBefore(to);
    }

    /** "06:00–21:00", or "24/7". */
    public String hours() {
        return from == null ? "24/7" : from + "–" + to;
    }

    /** May this role ask for break-the-glass access? Clinical roles only. */
    public boolean mayBreakGlass() {
        return this == DOCTOR || this == NURSE || this == DEPARTMENT_HEAD || this == PHARMACIST;
    }

    public static Optional<Role> ofCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }
}

package org.vnemr.emr.web;

import org.vnemr.platform.access.Role;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Trình đơn theo vai trò: the screens each role starts from, shown on the home page and in the header. A screen
 * still checks access itself; the menu only spares people links they cannot use.
 */
public enum Menu {
    REGISTRATION("menu.registration", "/tiep-don", EnumSet.of(Role.REGISTRATION_CLERK, Role.DEPARTMENT_HEAD)),
    PATIENTS("menu.patients", "/benh-nhan", EnumSet.of(Role.REGISTRATION_CLERK, Role.DOCTOR, Role.NURSE,
            Role.PHARMACIST, Role.LAB_TECHNICIAN, Role.DEPARTMENT_HEAD, Role.INSURANCE_ASSESSOR, Role.AUDITOR)),
    OUTPATIENT("menu.outpatient", "/kham-benh", EnumSet.of(Role.DOCTOR, Role.NURSE, Role.DEPARTMENT_HEAD)),
    INPATIENT("menu.inpatient", "/noi-tru", EnumSet.of(Role.DOCTOR, Role.NURSE, Role.DEPARTMENT_HEAD)),
    BILLING("menu.billing", "/vien-phi", EnumSet.of(Role.REGISTRATION_CLERK, Role.DEPARTMENT_HEAD,
            Role.INSURANCE_ASSESSOR)),
    PHARMACY("menu.pharmacy", "/duoc", EnumSet.of(Role.PHARMACIST)),
    RESULTS("menu.results", "/can-lam-sang", EnumSet.of(Role.LAB_TECHNICIAN)),
    INSURANCE("menu.insurance", "/bhyt", EnumSet.of(Role.INSURANCE_ASSESSOR, Role.DEPARTMENT_HEAD)),
    AUDIT("menu.audit", "/nhat-ky", EnumSet.of(Role.AUDITOR, Role.ADMINISTRATOR)),
    ACCOUNTS("menu.accounts", "/quan-tri/tai-khoan", EnumSet.of(Role.ADMINISTRATOR)),
    QUEUE("menu.queue", "/quan-tri/hang-doi", EnumSet.of(Role.ADMINISTRATOR, Role.INSURANCE_ASSESSOR)),
    VERIFY("menu.verify", "/xac-minh", EnumSet.allOf(Role.class));

    private final String labelKey;
    private final String href;
    private final Set<Role> roles;

    Menu(String labelKey, String href, Set<Role> roles) {
        this.labelKey = labelKey;
        this.href = href;
        this.roles = roles;
    }

    public String labelKey() {
        return labelKey;
    }

    public String href() {
        return href;
    }

    public static List<Menu> of(CurrentUser user) {
        return java.util.Arrays.stream(values())
                .filter(item -> user.roles().stream().anyMatch(item.roles::contains)).toList();
    }
}

package org.vnemr.emr.web;

import org.vnemr.platform.access.Role;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * Người dùng đang đăng nhập: who is behind this browser session. Controllers take it as a method parameter
 * ({@link CurrentUserArgumentResolver}); templates see it as {@code ${user}}.
 *
 * @param practitionerId the Practitioner id (without {@code Practitioner/}), or null for technical accounts
 * @param departmentIds  Organization ids of the person's departments (khoa)
 * @param csrfToken      the session's anti-forgery token every form and htmx request must send back
 */
public record CurrentUser(String username, String displayName, String practitionerId, List<Role> roles,
                          List<String> departmentIds, String csrfToken) implements Serializable {

    /** The session attribute that holds the logged-in user. */
    public static final String SESSION_ATTRIBUTE = "vnemr.user";

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** The role shown in the header and written to the audit trail: the first one granted. */
    public Role mainRole() {
        return roles.isEmpty() ? Role.AUDITOR : roles.get(0);
    }

    public String roleCodes() {
        return String.join(",", roles.stream().map(Role::code).toList());
    }

    /** {@code Practitioner/<id>} for references and audit, if the account belongs to a person. */
    public Optional<String> practitionerReference() {
        return Optional.ofNullable(practitionerId).map(id -> "Practitioner/" + id);
    }

    public Optional<String> mainDepartment() {
        return departmentIds.isEmpty() ? Optional.empty() : Optional.of(departmentIds.get(0));
    }
}

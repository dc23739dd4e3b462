package org.vnemr.platform.account;

import java.time.Instant;
import java.util.List;

/**
 * Tài khoản: one per person, linked to the Practitioner who uses it. Roles and departments decide what the person
 * may do (see {@code org.vnemr.platform.access}).
 *
 * @param roles         role codes ({@code administrator}, {@code doctor} … see {@code access.Role})
 * @param departmentIds Organization ids of the departments the person works in
 */
public record Account(String username, String practitionerId, String displayName, List<String> roles,
                      List<String> departmentIds, String passwordHash, Instant passwordChanged,
                      boolean mustChangePassword, String totpSecret, int failedAttempts, Instant lockedUntil,
                      Instant lastLogin, boolean disabled, String disabledReason, Instant created) {

    public static final String ADMINISTRATOR = "administrator";

    public boolean isAdministrator() {
        return roles.contains(ADMINISTRATOR);
    }

    public boolean hasTotp() {
        return totpSecret != null;
    }
}

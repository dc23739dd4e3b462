package org.vnemr.platform.access;

/**
 * Phạm vi: over which records a permission holds, from none to the whole facility. Own patients are those with an
 * encounter in which the person is a participant; own department means an encounter whose service provider is one
 * of the person's departments.
 */
public enum Scope {
    NONE("—", "không"),
    OWN_PATIENTS("own patients", "bệnh nhân của mình"),
    OWN_DEPARTMENT("own department", "khoa của mình"),
    ALL_DEPARTMENTS("all departments", "toàn viện");

    private final String english;
    private final String vietnamese;

    Scope(String english, String vietnamese) {
        this.english = english;
        this.vietnamese = vietnamese;
    }

    public String english() {
        return english;
    }

    public String vietnamese() {
        return vietnamese;
    }
}

package org.vnemr.vncore.identity;

/** Sex as encoded in a CCCD number (even century digit male, odd female) and written on the card. */
public enum Sex {
    MALE("male", "Nam"), FEMALE("female", "Nữ");

    private final String fhirGender;
    private final String vietnamese;

    Sex(String fhirGender, String vietnamese) {
        this.fhirGender = fhirGender;
        this.vietnamese = vietnamese;
    }

    /** The FHIR administrative-gender code. */
    public String fhirGender() {
        return fhirGender;
    }

    public String vietnamese() {
        return vietnamese;
    }
}

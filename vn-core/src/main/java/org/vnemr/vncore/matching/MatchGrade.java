package org.vnemr.vncore.matching;

/**
 * How sure a match is, with the codes of the FHIR {@code match-grade} extension. Only an identifier
 * (CCCD, BHYT/BHXH number, passport) makes a match certain; name, birth date and address make it at most
 * probable, however well they agree, because namesakes born on the same day in the same ward exist.
 */
public enum MatchGrade {
    CERTAIN("certain", "Chắc chắn trùng"),
    PROBABLE("probable", "Nhiều khả năng trùng"),
    POSSIBLE("possible", "Có thể trùng");

    private final String code;
    private final String vietnamese;

    MatchGrade(String code, String vietnamese) {
        this.code = code;
        this.vietnamese = vietnamese;
    }

    /** The code of http://hl7.org/fhir/StructureDefinition/match-grade. */
    public String code() {
        return code;
    }

    public String vietnamese() {
        return vietnamese;
    }
}

package org.vnemr.fhir.schema;

/** The FHIR search parameter types the store indexes into columns; others are refused with an error. */
public enum SearchParamType {
    TOKEN, STRING, DATE, REFERENCE, QUANTITY, NUMBER, URI;

    /** {@code null} for composite and special parameters, which have no column. */
    public static SearchParamType of(ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum hapiType) {
        return switch (hapiType) {
            case TOKEN -> TOKEN;
            case STRING -> STRING;
            case DATE -> DATE;
            case REFERENCE -> REFERENCE;
            case QUANTITY -> QUANTITY;
            case NUMBER -> NUMBER;
            case URI -> URI;
            default -> null;
        };
    }
}

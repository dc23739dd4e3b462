package org.vnemr.terminology.codesystem;

/** A property a code system declares ({@code CodeSystem.property}): its code and FHIR type (code, string, boolean …). */
public record PropertyDefinition(String code, String type, String description) {

    public PropertyDefinition {
        type = type == null ? "string" : type;
    }
}

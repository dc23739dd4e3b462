package org.vnemr.terminology.operation;

import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.UriType;
import org.vnemr.fhir.error.FhirError;

import java.util.ArrayList;
import java.util.List;

/** A system and code from an operation's parameters: {@code system} + {@code code}, or a {@code coding}. */
record Coded(String system, String code) {

    static Coded of(UriType system, CodeType code, Coding coding, String operation) {
        return of(system, code, coding, operation, "code");
    }

    static Coded of(UriType system, CodeType code, Coding coding, String operation, String codeName) {
        if (coding != null && coding.hasCode()) {
            String s = coding.hasSystem() ? coding.getSystem() : system == null ? null : system.getValue();
            if (s == null) {
                throw FhirError.badRequest("VNEMR-2002", "system", operation);
            }
            return new Coded(s, coding.getCode());
        }
        if (code == null || code.isEmpty()) {
            throw FhirError.badRequest("VNEMR-2002", codeName, operation);
        }
        if (system == null || system.isEmpty()) {
            throw FhirError.badRequest("VNEMR-2002", "system", operation);
        }
        return new Coded(system.getValue(), code.getValue());
    }

    /** The codings to check: {@code code} (+ system), {@code coding}, or each coding of {@code codeableConcept}. */
    static List<Coding> candidates(String system, CodeType code, Coding coding, CodeableConcept codeableConcept,
                                   String operation) {
        List<Coding> candidates = new ArrayList<>();
        if (code != null && !code.isEmpty()) {
            candidates.add(new Coding(system, code.getValue(), null));
        }
        if (coding != null && coding.hasCode()) {
            candidates.add(coding);
        }
        if (codeableConcept != null) {
            codeableConcept.getCoding().stream().filter(Coding::hasCode).forEach(candidates::add);
        }
        if (candidates.isEmpty()) {
            throw FhirError.badRequest("VNEMR-2002", "code", operation);
        }
        return candidates;
    }
}

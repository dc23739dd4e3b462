package org.vnemr.terminology.operation;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.vnemr.fhir.error.Messages;
import org.vnemr.fhir.text.VietnameseText;
import org.vnemr.terminology.codesystem.Designation;
import org.vnemr.terminology.codesystem.IndexedConcept;

/** The Parameters answers of {@code $validate-code}. */
final class Results {

    private Results() {
    }

    /** The code exists; a display given must be the concept's display or a designation (diacritics ignored). */
    static Parameters validation(IndexedConcept c, String display) {
        Parameters out = new Parameters();
        boolean displayOk = display == null || VietnameseText.fold(display).equals(c.folded())
                || c.designations().stream().map(Designation::value).map(VietnameseText::fold)
                .anyMatch(VietnameseText.fold(display)::equals);
        out.addParameter("result", new BooleanType(displayOk));
        if (!displayOk) {
            out.addParameter("message", new StringType(Messages.vi("VNEMR-2013", display, c.code(), c.display())));
        }
        out.addParameter("display", new StringType(c.display()));
        out.addParameter("code", new org.hl7.fhir.r4.model.CodeType(c.code()));
        return out;
    }

    static Parameters invalid(String message) {
        Parameters out = new Parameters();
        out.addParameter("result", new BooleanType(false));
        out.addParameter("message", new StringType(message));
        return out;
    }
}

package org.vnemr.emr.outpatient;

import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.Encounter;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.vnemr.emr.store.WriteRefused;
import org.vnemr.emr.web.CurrentUser;

import java.util.Map;

/**
 * Renders the visit page or one of its sections. A section answers its own save with itself (htmx swaps it in):
 * 200 with the stored state, or 422 with what was typed and the errors next to the fields.
 */
@Component
class VisitScreen {

    private final Visits visits;

    VisitScreen(Visits visits) {
        this.visits = visits;
    }

    String section(String fragment, Encounter encounter, CurrentUser user, Model model) {
        model.addAttribute("visit", visits.page(encounter, user));
        return "outpatient/visit :: " + fragment;
    }

    /** The section again with the refusal: typed values kept, each error under its field. */
    String refused(String fragment, Encounter encounter, CurrentUser user, Model model, String formName,
                   Map<String, ?> form, Map<String, String> errors, HttpServletResponse response) {
        response.setStatus(422);
        model.addAttribute(formName + "Form", form);
        model.addAttribute(formName + "Errors", errors);
        return section(fragment, encounter, user, model);
    }

    /** The first Vietnamese text of a store refusal, with its code, for a form-level message. */
    static String text(WriteRefused refused) {
        WriteRefused.Problem p = refused.problems().get(0);
        String message = p.vietnamese() != null ? p.vietnamese() : p.english();
        return VisitErrors.text("VNEMR-6220", message == null ? "" : message);
    }
}

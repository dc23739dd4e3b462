package org.vnemr.emr.outpatient;

import org.hl7.fhir.r4.model.Encounter;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.emr.web.Requires;
import org.vnemr.platform.access.Permission;

/**
 * Màn hình khám bệnh: the patient banner and the visit's sections — vital signs, history and examination,
 * diagnoses, orders, results, prescription link, conclusion — each saving on its own.
 */
@Controller
class VisitController {

    private final Visits visits;
    private final ConclusionController conclusion;

    VisitController(Visits visits, ConclusionController conclusion) {
        this.visits = visits;
        this.conclusion = conclusion;
    }

    @GetMapping("/kham-benh/{encounterId}")
    @Requires(value = Permission.VIEW, patient = "encounterId")
    String visit(@PathVariable String encounterId, CurrentUser user, Model model) {
        Encounter e = visits.encounter(encounterId, user);
        model.addAttribute("visit", visits.page(e, user));
        model.addAttribute("departments", conclusion.departments());
        model.addAttribute("outcomes", ConclusionController.OUTCOMES);
        return "outpatient/visit";
    }
}

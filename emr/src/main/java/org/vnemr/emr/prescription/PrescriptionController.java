package org.vnemr.emr.prescription;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vnemr.emr.patient.PatientBanners;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.store.WriteRefused;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.emr.web.Requires;
import org.vnemr.platform.access.Permission;
import org.vnemr.platform.access.Role;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Màn hình kê đơn thuốc {@code /kham-benh/{encounterId}/don-thuoc} ({@code ?loai=noi-tru} from an inpatient
 * stay): drug search, lines with live quantities, warnings to acknowledge, save, and the saved prescription.
 */
@Controller
public class PrescriptionController {

    static final String INPATIENT = "noi-tru";
    private static final int SEARCH_LIMIT = 20;

    private final PrescriptionService prescriptions;
    private final DrugCatalogue drugs;
    private final ClinicalStore store;
    private final PatientBanners banners;
    /** The national e-prescription link's status, when that link is on (bhyt.prescription). */
    private final org.springframework.beans.factory.ObjectProvider<org.vnemr.bhyt.prescription.PrescriptionStatus>
            nationalStatus;

    public PrescriptionController(PrescriptionService prescriptions, DrugCatalogue drugs, ClinicalStore store,
                                  PatientBanners banners,
                                  org.springframework.beans.factory.ObjectProvider<
                                          org.vnemr.bhyt.prescription.PrescriptionStatus> nationalStatus) {
        this.prescriptions = prescriptions;
        this.drugs = drugs;
        this.store = store;
        this.banners = banners;
        this.nationalStatus = nationalStatus;
    }

    @GetMapping("/kham-benh/{encounterId}/don-thuoc")
    @Requires(value = Permission.VIEW, patient = "encounterId")
    public String form(@PathVariable String encounterId, @RequestParam(name = "loai", required = false) String loai,
                       CurrentUser user, Model model, Locale locale, HttpServletResponse response) {
        Optional<PrescriptionService.Visit> visit = prescriptions.visit(encounterId, INPATIENT.equals(loai), user);
        if (visit.isEmpty()) {
            return notFound(encounterId, model, locale, response);
        }
        PrescriptionForm form = new PrescriptionForm();
        page(model, encounterId, loai, visit.get(), form,
                new PrescriptionService.Evaluation(List.of(), Map.of(), List.of()), user);
        return "prescription/form";
    }

    @GetMapping("/kham-benh/{encounterId}/don-thuoc/thuoc")
    @Requires(value = Permission.VIEW, patient = "encounterId")
    public String search(@PathVariable String encounterId, @RequestParam(name = "q", required = false) String q,
                         @RequestParam(name = "loai", required = false) String loai, Model model) {
        model.addAttribute("results", drugs.search(q, SEARCH_LIMIT));
        model.addAttribute("q", q);
        model.addAttribute("action", action(encounterId, loai) + "/soan" + query(loai));
        return "prescription/form :: results";
    }

    /** Adds or removes a line, or recomputes quantities while typing; never saves. */
    @PostMapping("/kham-benh/{encounterId}/don-thuoc/soan")
    @Requires(value = Permission.CREATE, patient = "encounterId")
    public String edit(@PathVariable String encounterId, @RequestParam(name = "loai", required = false) String loai,
                       @ModelAttribute("form") PrescriptionForm form, CurrentUser user, Model model, Locale locale,
                       HttpServletResponse response) {
        Optional<PrescriptionService.Visit> visit = prescriptions.visit(encounterId, INPATIENT.equals(loai), user);
        if (visit.isEmpty()) {
            return notFound(encounterId, model, locale, response);
        }
        Integer drop = form.getRemoveLine();
        if (drop != null && drop >= 0 && drop < form.getLines().size()) {
            form.getLines().remove((int) drop);
        }
        if (form.getAdd() != null && !form.getAdd().isBlank()) {
            drugs.find(form.getAdd()).ifPresent(drug -> {
                PrescriptionForm.LineForm line = new PrescriptionForm.LineForm();
                line.setDrug(drug.code());
                line.setRoute(drug.routeCode());
                form.getLines().add(line);
                // the doctor goes on typing the dose of the drug just added
                model.addAttribute("focus", "line-" + (form.getLines().size() - 1) + "-dose");
            });
        }
        form.setAdd(null);
        form.setRemoveLine(null);
        fill(model, encounterId, loai, visit.get(), form, prescriptions.evaluate(form, visit.get(), locale, false));
        return "prescription/form :: editor";
    }

    @PostMapping("/kham-benh/{encounterId}/don-thuoc")
    @Requires(value = Permission.CREATE, patient = "encounterId")
    public String save(@PathVariable String encounterId, @RequestParam(name = "loai", required = false) String loai,
                       @ModelAttribute("form") PrescriptionForm form, CurrentUser user, Model model, Locale locale,
                       HttpServletRequest request, HttpServletResponse response) {
        Optional<PrescriptionService.Visit> visit = prescriptions.visit(encounterId, INPATIENT.equals(loai), user);
        if (visit.isEmpty()) {
            return notFound(encounterId, model, locale, response);
        }
        String view = request.getHeader("HX-Request") != null ? "prescription/form :: editor" : "prescription/form";
        PrescriptionService.Evaluation evaluation = prescriptions.evaluate(form, visit.get(), locale, true);
        Map<String, String> errors = new LinkedHashMap<>(evaluation.errors());
        if (!user.has(Role.DOCTOR) || user.practitionerId() == null) {
            errors.put("form", PrescriptionService.text(locale, "VNEMR-6258"));
        }
        if (errors.isEmpty()) {
            try {
                PrescriptionService.Saved saved = prescriptions.save(visit.get(),
                        PrescriptionType.of(form.getType()).orElseThrow(), evaluation, form.getAdvice(), user);
                String target = action(encounterId, loai) + "/" + saved.compositionId() + query(loai);
                if (request.getHeader("HX-Request") != null) {
                    // htmx loads the saved prescription as a whole page instead of swapping it into the form
                    response.setHeader("HX-Redirect", target);
                    model.addAttribute("target", target);
                    return "prescription/form :: redirected";
                }
                return "redirect:" + target;
            } catch (WriteRefused refused) {
                errors.put("form", PrescriptionService.text(locale, "VNEMR-6264",
                        refused.problems().get(0).vietnamese()));
            } catch (IllegalStateException noFacility) {
                errors.put("form", PrescriptionService.text(locale, noFacility.getMessage()));
            }
        }
        response.setStatus(422);
        PrescriptionService.Evaluation refused = new PrescriptionService.Evaluation(evaluation.lines(), errors,
                evaluation.warnings());
        if (view.equals("prescription/form")) {
            page(model, encounterId, loai, visit.get(), form, refused, user);
        } else {
            fill(model, encounterId, loai, visit.get(), form, refused);
        }
        return view;
    }

    @GetMapping("/kham-benh/{encounterId}/don-thuoc/{compositionId}")
    @Requires(value = Permission.VIEW, patient = "encounterId")
    public String saved(@PathVariable String encounterId, @PathVariable String compositionId,
                        @RequestParam(name = "loai", required = false) String loai, CurrentUser user, Model model,
                        Locale locale, HttpServletResponse response) {
        Optional<PrescriptionService.Visit> visit = prescriptions.visit(encounterId, INPATIENT.equals(loai), user);
        Optional<Composition> composition = store.read(Composition.class, compositionId, user)
                .filter(c -> c.getEncounter().getReferenceElement().getIdPart().equals(encounterId));
        if (visit.isEmpty() || composition.isEmpty()) {
            return notFound(encounterId, model, locale, response);
        }
        String code = composition.get().getIdentifier().getValue();
        List<MedicationRequest> lines = store.search(MedicationRequest.class,
                Map.of("encounter", List.of("Encounter/" + encounterId), "_count", List.of("200")), user).stream()
                .filter(mr -> code.equals(mr.getGroupIdentifier().getValue())).toList();
        // the banner from the patient and allergies already read for the visit: only the card is read again
        model.addAttribute("banner", banners.of(visit.get().patient(), visit.get().allergies(), user));
        model.addAttribute("code", code);
        model.addAttribute("compositionId", compositionId);
        model.addAttribute("lines", lines);
        model.addAttribute("back", action(encounterId, loai) + query(loai));
        nationalStatus.ifAvailable(status -> model.addAttribute("national", status.of(code)));
        return "prescription/saved";
    }

    /** The whole page: the banner (the prescriber must see the allergies) over the editor. */
    private void page(Model model, String encounterId, String loai, PrescriptionService.Visit visit,
                      PrescriptionForm form, PrescriptionService.Evaluation evaluation, CurrentUser user) {
        model.addAttribute("banner", banners.of(visit.patient(), visit.allergies(), user));
        fill(model, encounterId, loai, visit, form, evaluation);
    }

    /** The editor alone (htmx swaps it while the doctor types): no banner, so no extra reads per keystroke. */
    private void fill(Model model, String encounterId, String loai, PrescriptionService.Visit visit,
                      PrescriptionForm form, PrescriptionService.Evaluation evaluation) {
        model.addAttribute("form", form);
        model.addAttribute("evaluation", evaluation);
        model.addAttribute("errors", evaluation.errors());
        model.addAttribute("warnings", evaluation.warnings());
        model.addAttribute("drugs", form.getLines().stream().map(l -> drugs.find(l.getDrug()).orElse(null)).toList());
        model.addAttribute("routes", drugs.routes());
        model.addAttribute("types", PrescriptionType.values());
        model.addAttribute("inpatient", visit.inpatient());
        model.addAttribute("loai", loai);
        model.addAttribute("action", action(encounterId, loai));
        model.addAttribute("query", query(loai));
        StringBuilder targets = new StringBuilder("#warnings-box");
        for (int i = 0; i < form.getLines().size(); i++) {
            targets.append(",#line-").append(i).append("-computed");
        }
        model.addAttribute("previewTargets", targets.toString());
    }

    private String notFound(String encounterId, Model model, Locale locale, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("message", PrescriptionService.text(locale, "VNEMR-6260", encounterId));
        return "prescription/not-found";
    }

    private static String action(String encounterId, String loai) {
        return "/kham-benh/" + encounterId + "/don-thuoc";
    }

    private static String query(String loai) {
        return INPATIENT.equals(loai) ? "?loai=" + INPATIENT : "";
    }
}

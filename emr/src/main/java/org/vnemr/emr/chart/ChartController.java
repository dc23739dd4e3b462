package org.vnemr.emr.chart;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.vnemr.emr.prescription.PrescriptionService;
import org.vnemr.emr.patient.PatientBanners;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.emr.web.Requires;
import org.vnemr.platform.access.Permission;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Hồ sơ bệnh nhân: find a patient ({@code /benh-nhan?q=} by name, CCCD or MRN), their timeline across all visits
 * with kind and date filters (htmx re-renders only the list), and any document of the record.
 */
@Controller
public class ChartController {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final ClinicalStore store;
    private final PatientTimeline timeline;
    private final PatientBanners banners;

    public ChartController(ClinicalStore store, PatientTimeline timeline, PatientBanners banners) {
        this.store = store;
        this.timeline = timeline;
        this.banners = banners;
    }

    @GetMapping("/benh-nhan")
    @Requires(Permission.VIEW)
    public String find(@RequestParam(name = "q", required = false) String q, CurrentUser user, Model model) {
        List<PatientSummary> found = List.of();
        if (q != null && !q.isBlank()) {
            String term = q.trim();
            // digits or an MRN are identifiers (CCCD, BHYT, BN…); anything else is a name
            String param = term.matches("(?i)(BN)?[0-9A-Z]*[0-9]{4,}[0-9A-Z]*") ? "identifier" : "name";
            found = store.search(Patient.class, Map.of(param, List.of(term), "_count", List.of("50")), user)
                    .stream().map(p -> PatientSummary.of(p, List.of())).toList();
        }
        model.addAttribute("q", q);
        model.addAttribute("found", found);
        return "chart/search";
    }

    @GetMapping("/benh-nhan/{patientId}")
    @Requires(value = Permission.VIEW, patient = "patientId")
    public String chart(@PathVariable String patientId, @RequestParam(name = "loai", required = false) List<String> kinds,
                        @RequestParam(name = "tu", required = false) String from,
                        @RequestParam(name = "den", required = false) String to, CurrentUser user, Model model,
                        Locale locale, HttpServletRequest request, HttpServletResponse response) {
        Optional<Patient> patient = store.read(Patient.class, patientId, user);
        if (patient.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("message", PrescriptionService.text(locale, "VNEMR-6265", patientId));
            return "chart/not-found";
        }
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate fromDay = day(from, "tu", errors, locale);
        LocalDate toDay = day(to, "den", errors, locale);
        Set<TimelineEntry.Kind> wanted = EnumSet.noneOf(TimelineEntry.Kind.class);
        if (kinds != null) {
            kinds.stream().map(TimelineEntry.Kind::of).filter(k -> k != null).forEach(wanted::add);
        }
        if (request.getHeader("HX-Request") == null) {
            // the timeline alone (filters changed) is swapped in without the banner
            model.addAttribute("banner", banners.of(patient.get(), user));
        }
        model.addAttribute("entries", timeline.entries(patientId, wanted, fromDay, toDay, user));
        model.addAttribute("kinds", TimelineEntry.Kind.values());
        model.addAttribute("wanted", wanted);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("errors", errors);
        if (!errors.isEmpty()) {
            response.setStatus(422);
        }
        return request.getHeader("HX-Request") != null ? "chart/chart :: timeline" : "chart/chart";
    }

    @GetMapping("/benh-nhan/{patientId}/tai-lieu/{compositionId}")
    @Requires(value = Permission.VIEW, patient = "patientId")
    public String document(@PathVariable String patientId, @PathVariable String compositionId, CurrentUser user,
                           Model model, Locale locale, HttpServletResponse response) {
        List<String> ids = timeline.patientIds(patientId);
        Optional<Composition> document = store.read(Composition.class, compositionId, user)
                .filter(c -> ids.contains(c.getSubject().getReferenceElement().getIdPart()));
        Optional<Patient> patient = store.read(Patient.class, patientId, user);
        if (document.isEmpty() || patient.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("message", PrescriptionService.text(locale, "VNEMR-6266", compositionId));
            return "chart/not-found";
        }
        Composition c = document.get();
        model.addAttribute("banner", banners.of(patient.get(), user));
        model.addAttribute("document", c);
        model.addAttribute("date", c.hasDate() ? DAY.format(c.getDate().toInstant().atZone(PatientTimeline.VIETNAM))
                : "");
        model.addAttribute("sections", c.getSection().stream()
                .map(s -> new Section(s.getTitle(), NarrativeHtml.of(s.getText().getDiv()))).toList());
        String type = c.getType().getCodingFirstRep().getCode();
        model.addAttribute("pdf", type == null ? null : "/in/" + type + "/" + compositionId + ".pdf");
        return "chart/document";
    }

    /** A section as shown: title and sanitised narrative. */
    public record Section(String title, String html) {
    }

    /** Accepts the date input's yyyy-MM-dd and a typed dd/MM/yyyy. */
    private static LocalDate day(String typed, String field, Map<String, String> errors, Locale locale) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            return typed.contains("/") ? LocalDate.parse(typed.trim(), DAY) : LocalDate.parse(typed.trim());
        } catch (DateTimeParseException e) {
            errors.put(field, PrescriptionService.text(locale, "VNEMR-6267", typed));
            return null;
        }
    }
}

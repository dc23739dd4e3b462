package org.vnemr.emr.inpatient;

import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.store.WriteRefused;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.emr.web.Requires;
import org.vnemr.platform.access.Permission;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chăm sóc {@code /noi-tru/{encounterId}/cham-soc}: the nurse's note and vital signs (one {@code phieu-cham-soc}
 * Composition with the vital-sign Observations as entries, one transaction), the temperature/pulse chart of the
 * stay and the notes so far.
 */
@Controller
public class NursingController {

    /** A saved note as listed. */
    public record NoteRow(String at, String note, String vitals, String nurse) {
    }

    private final ClinicalStore store;
    private final Stays stays;

    public NursingController(ClinicalStore store, Stays stays) {
        this.store = store;
        this.stays = stays;
    }

    @GetMapping("/noi-tru/{encounterId}/cham-soc")
    @Requires(value = Permission.VIEW, patient = "encounterId")
    public String page(@PathVariable String encounterId, CurrentUser user, Model model) {
        Stay stay = StayPages.load(stays, encounterId, user);
        Map<String, String> form = new HashMap<>();
        form.put("thoiGian", LocalDateTime.now(Fhir.ZONE).withSecond(0).withNano(0).toString());
        fill(model, stay, form, new FormErrors(), user);
        return "inpatient/care";
    }

    @PostMapping("/noi-tru/{encounterId}/cham-soc")
    @Requires(value = Permission.CREATE, patient = "encounterId")
    public String save(@PathVariable String encounterId, @RequestParam Map<String, String> params, CurrentUser user,
                       Model model, HttpServletResponse response) {
        Stay stay = StayPages.load(stays, encounterId, user);
        Map<String, String> form = new HashMap<>(params);
        FormErrors errors = new FormErrors();
        if (!stay.inProgress()) {
            errors.add(FormErrors.FORM, "VNEMR-6335");
        }
        LocalDateTime at = Times.parse(form.get("thoiGian"), "thoiGian", errors);
        if (at != null && (Fhir.date(at).before(stay.encounter().getPeriod().getStart())
                || at.isAfter(LocalDateTime.now(Fhir.ZONE).plusMinutes(5)))) {
            errors.add("thoiGian", "VNEMR-6322", stay.admitted());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        VitalSigns.SIGNS.forEach(s -> fields.put(s.field(), s.loinc()));
        Map<String, BigDecimal> vitals = VitalSigns.read(form, fields, errors);
        String note = form.getOrDefault("ghiChu", "").trim();
        if (!errors.any() && note.isEmpty() && vitals.isEmpty()) {
            errors.add("ghiChu", "VNEMR-6321");
        }
        if (errors.any()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            fill(model, stay, form, errors, user);
            return "inpatient/care";
        }
        Date when = Fhir.date(at);
        List<Observation> observations = VitalSigns.observations(vitals, stay.encounter().getSubject(),
                "Encounter/" + stay.id(), user.practitionerReference().orElse(null), when);
        Composition sheet = new Composition();
        Documents.header(sheet, Fhir.DOCUMENT_TYPE, "phieu-cham-soc", "Phiếu chăm sóc", stay, user, when);
        Composition.SectionComponent care = Documents.section("cham-soc", "Theo dõi, chăm sóc",
                note.isEmpty() ? "" : "<p>" + Fhir.escape(note) + "</p>");
        Fhir.putFields(care, Map.of("ghiChu", note));
        StringBuilder text = new StringBuilder();
        Map<String, String> vitalValues = new LinkedHashMap<>();
        for (VitalSigns.Sign s : VitalSigns.SIGNS) {
            BigDecimal v = vitals.get(s.loinc());
            if (v != null) {
                text.append("<p>").append(s.label()).append(": ").append(v.toPlainString()).append(' ')
                        .append(s.shownUnit()).append("</p>");
                vitalValues.put(s.field(), v.toPlainString());
            }
        }
        Composition.SectionComponent signs = Documents.section("dau-hieu-sinh-ton", "Dấu hiệu sinh tồn",
                text.toString());
        Fhir.putFields(signs, vitalValues);
        observations.forEach(o -> signs.addEntry(new Reference(o.getIdElement().getValue())));
        sheet.addSection(care);
        sheet.addSection(signs);
        List<Resource> writes = new ArrayList<>(observations);
        writes.add(sheet);
        try {
            store.transaction(writes, user);
        } catch (WriteRefused refused) {
            errors.refused(refused, Map.of());
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            fill(model, stay, form, errors, user);
            return "inpatient/care";
        }
        return "redirect:/noi-tru/" + stay.id() + "/cham-soc";
    }

    private void fill(Model model, Stay stay, Map<String, String> form, FormErrors errors, CurrentUser user) {
        List<Observation> observations = store.search(Observation.class, Map.of(
                "encounter", List.of("Encounter/" + stay.id()), "category", List.of("vital-signs"),
                "_count", List.of("1000")), user).stream()
                .filter(o -> o.getStatus() != Observation.ObservationStatus.ENTEREDINERROR)
                .filter(o -> o.hasEffectiveDateTimeType() && o.hasValueQuantity())
                .sorted(Comparator.comparing(o -> o.getEffectiveDateTimeType().getValue())).toList();
        List<VitalChart.Reading> temperatures = new ArrayList<>();
        List<VitalChart.Reading> pulses = new ArrayList<>();
        for (Observation o : observations) {
            String code = o.getCode().getCodingFirstRep().getCode();
            VitalChart.Reading reading = new VitalChart.Reading(Fhir.local(o.getEffectiveDateTimeType().getValue()),
                    o.getValueQuantity().getValue().doubleValue());
            if (VitalSigns.TEMPERATURE.equals(code)) {
                temperatures.add(reading);
            } else if (VitalSigns.PULSE.equals(code)) {
                pulses.add(reading);
            }
        }
        LocalDate first = Fhir.day(stay.encounter().getPeriod().getStart());
        LocalDate last = stay.encounter().getPeriod().hasEnd() ? Fhir.day(stay.encounter().getPeriod().getEnd())
                : LocalDate.now(Fhir.ZONE);
        List<NoteRow> notes = new ArrayList<>();
        List<Composition> sheets = new ArrayList<>(store.search(Composition.class, Map.of(
                "encounter", List.of("Encounter/" + stay.id()),
                "type", List.of(Fhir.DOCUMENT_TYPE + "|phieu-cham-soc"), "_count", List.of("500")), user));
        sheets.sort(Comparator.comparing(Composition::getDate).reversed());
        for (Composition c : sheets) {
            Map<String, String> values = new LinkedHashMap<>();
            Fhir.readFields(c.getSection(), values);
            String note = values.getOrDefault("ghiChu", "");
            values.remove("ghiChu");
            StringBuilder vitals = new StringBuilder();
            for (VitalSigns.Sign s : VitalSigns.SIGNS) {
                if (values.containsKey(s.field())) {
                    vitals.append(vitals.isEmpty() ? "" : "; ").append(s.label()).append(' ')
                            .append(values.get(s.field())).append(' ').append(s.shownUnit());
                }
            }
            notes.add(new NoteRow(Fhir.show(c.getDate()), note, vitals.toString(),
                    Staff.name(store, c.getAuthorFirstRep())));
        }
        model.addAttribute("chart", new VitalChart(first, last, temperatures, pulses));
        model.addAttribute("notes", notes);
        model.addAttribute("signs", VitalSigns.SIGNS);
        model.addAttribute("stay", stay);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors.map());
        model.addAttribute("tab", "cham-soc");
    }
}

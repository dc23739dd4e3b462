package org.vnemr.emr.outpatient;

import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.store.WriteRefused;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.emr.web.Requires;
import org.vnemr.platform.access.Permission;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sinh hiệu: one measurement round → one Observation per sign (blood pressure as the LOINC panel with systolic and
 * diastolic components, BMI computed from weight and height). Impossible values are refused next to their field;
 * possible but unusual ones are stored and shown with a warning.
 */
@Controller
class VitalSignsController {

    private final ClinicalStore store;
    private final Visits visits;
    private final VisitScreen screen;

    VitalSignsController(ClinicalStore store, Visits visits, VisitScreen screen) {
        this.store = store;
        this.visits = visits;
        this.screen = screen;
    }

    @PostMapping("/kham-benh/{encounterId}/sinh-hieu")
    @Requires(value = Permission.CREATE, patient = "encounterId")
    String save(@PathVariable String encounterId, @RequestParam Map<String, String> form, CurrentUser user,
                Model model, HttpServletResponse response) {
        Encounter e = visits.open(encounterId, user);
        Map<String, String> errors = new LinkedHashMap<>();
        Map<VitalSign, BigDecimal> values = parse(form, errors);
        if (!errors.isEmpty()) {
            return screen.refused("vitals", e, user, model, "vitals", form, errors, response);
        }
        List<String> warnings = new ArrayList<>();
        values.forEach((sign, value) -> sign.warning(value).ifPresent(warnings::add));
        try {
            store.transaction(observations(e, values, user), user);
        } catch (WriteRefused refused) {
            errors.put("vitals", VisitScreen.text(refused));
            return screen.refused("vitals", e, user, model, "vitals", form, errors, response);
        }
        model.addAttribute("vitalsSaved", true);
        model.addAttribute("vitalsWarnings", warnings);
        return screen.section("vitals", visits.encounter(encounterId, user), user, model);
    }

    /** The typed values, checked; errors by field name. BMI is added when weight and height are both given. */
    static Map<VitalSign, BigDecimal> parse(Map<String, String> form, Map<String, String> errors) {
        Map<VitalSign, BigDecimal> values = new EnumMap<>(VitalSign.class);
        for (VitalSign sign : VitalSign.values()) {
            if (sign == VitalSign.BMI) {
                continue;
            }
            String raw = form.getOrDefault(sign.field(), "").trim().replace(',', '.');
            if (raw.isEmpty()) {
                continue;
            }
            BigDecimal value;
            try {
                value = new BigDecimal(raw);
            } catch (NumberFormatException notANumber) {
                errors.put(sign.field(), VisitErrors.text("VNEMR-6203", sign.label()));
                continue;
            }
            if (!sign.possible(value)) {
                errors.put(sign.field(), VisitErrors.text("VNEMR-6202", sign.label(), sign.min(), sign.max(),
                        sign.unitShown()));
                continue;
            }
            values.put(sign, value);
        }
        BigDecimal systolic = values.get(VitalSign.SYSTOLIC);
        BigDecimal diastolic = values.get(VitalSign.DIASTOLIC);
        if (systolic != null && diastolic == null && !errors.containsKey("diastolic")) {
            errors.put("diastolic", VisitErrors.text("VNEMR-6205"));
        } else if (diastolic != null && systolic == null && !errors.containsKey("systolic")) {
            errors.put("systolic", VisitErrors.text("VNEMR-6205"));
        } else if (systolic != null && diastolic != null && diastolic.compareTo(systolic) >= 0) {
            errors.put("diastolic", VisitErrors.text("VNEMR-6204"));
        }
        if (values.isEmpty() && errors.isEmpty()) {
            errors.put("vitals", VisitErrors.text("VNEMR-6206"));
        }
        BigDecimal weight = values.get(VitalSign.WEIGHT);
        BigDecimal height = values.get(VitalSign.HEIGHT);
        if (weight != null && height != null) {
            BigDecimal metres = height.divide(BigDecimal.valueOf(100), MathContext.DECIMAL64);
            values.put(VitalSign.BMI, weight.divide(metres.multiply(metres), MathContext.DECIMAL64)
                    .setScale(1, RoundingMode.HALF_UP));
        }
        return values;
    }

    private static List<Observation> observations(Encounter e, Map<VitalSign, BigDecimal> values, CurrentUser user) {
        DateTimeType now = DateTimeType.now();
        List<Observation> list = new ArrayList<>();
        for (Map.Entry<VitalSign, BigDecimal> v : values.entrySet()) {
            VitalSign sign = v.getKey();
            if (sign == VitalSign.DIASTOLIC) {
                continue;
            }
            if (sign == VitalSign.SYSTOLIC) {
                Observation panel = base(e, VitalSign.BP_PANEL, "Blood pressure panel", "Huyết áp", now, user);
                panel.addComponent().setCode(code(VitalSign.SYSTOLIC)).setValue(quantity(VitalSign.SYSTOLIC,
                        v.getValue()));
                panel.addComponent().setCode(code(VitalSign.DIASTOLIC)).setValue(quantity(VitalSign.DIASTOLIC,
                        values.get(VitalSign.DIASTOLIC)));
                list.add(panel);
                continue;
            }
            Observation o = base(e, sign.loinc(), null, sign.label(), now, user);
            o.setValue(quantity(sign, v.getValue()));
            list.add(o);
        }
        return list;
    }

    private static Observation base(Encounter e, String loinc, String display, String text, DateTimeType when,
                                    CurrentUser user) {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory().addCoding().setSystem(VisitCodes.OBSERVATION_CATEGORY).setCode("vital-signs")
                .setDisplay("Vital Signs");
        o.getCode().addCoding().setSystem(VisitCodes.LOINC).setCode(loinc).setDisplay(display);
        o.getCode().setText(text);
        o.setSubject(e.getSubject().copy());
        o.setEncounter(new Reference(Visits.reference(e)));
        o.setEffective(when.copy());
        user.practitionerReference().ifPresent(p -> o.addPerformer(new Reference(p)));
        return o;
    }

    private static CodeableConcept code(VitalSign sign) {
        CodeableConcept c = new CodeableConcept();
        c.addCoding().setSystem(VisitCodes.LOINC).setCode(sign.loinc());
        c.setText(sign.label());
        return c;
    }

    private static Quantity quantity(VitalSign sign, BigDecimal value) {
        return new Quantity().setValue(value).setUnit(sign.unitShown()).setSystem(VisitCodes.UCUM)
                .setCode(sign.ucum());
    }
}

package org.vnemr.emr.outpatient;

import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
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
import org.vnemr.terminology.Concept;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chẩn đoán: one main and any secondary ICD-10 VN codes (plus an optional YHCT code/text on the main one). Each is
 * a Condition of the visit and an Encounter.diagnosis with its rank (1 = MA_BENH_CHINH). A save replaces the
 * visit's diagnosis list; conditions no longer listed are marked entered-in-error, never deleted. The store's VN
 * Core rules (code exists, sex- and age-only codes) answer next to the code that broke them.
 */
@Controller
class DiagnosisController {

    private static final Pattern ENTRY = Pattern.compile("Bundle\\.entry\\[(\\d+)]");

    private final ClinicalStore store;
    private final Visits visits;
    private final VisitScreen screen;
    private final IcdSearch icd;

    DiagnosisController(ClinicalStore store, Visits visits, VisitScreen screen, IcdSearch icd) {
        this.store = store;
        this.visits = visits;
        this.screen = screen;
        this.icd = icd;
    }

    /** The picker's list under the search box: "J18.9 — Viêm phổi, không đặc hiệu". */
    @GetMapping("/kham-benh/icd")
    @Requires(Permission.VIEW)
    String search(@RequestParam(name = "q", defaultValue = "") String q,
                  @RequestParam(name = "field", defaultValue = "mainCode") String field, Model model) {
        model.addAttribute("hits", q.length() > 100 ? List.of() : icd.search(q, 15));
        model.addAttribute("field", "secondaryCodes".equals(field) ? "secondaryCodes" : "mainCode");
        model.addAttribute("q", q);
        return "outpatient/pickers :: icdHits";
    }

    @PostMapping("/kham-benh/{encounterId}/chan-doan")
    @Requires(value = Permission.EDIT, patient = "encounterId")
    String save(@PathVariable String encounterId, @RequestParam Map<String, String> form, CurrentUser user,
                Model model, HttpServletResponse response) {
        Encounter e = visits.open(encounterId, user);
        Map<String, String> errors = new LinkedHashMap<>();
        String mainCode = form.getOrDefault("mainCode", "").strip().toUpperCase();
        List<Concept> codes = new ArrayList<>();
        if (!icd.available()) {
            errors.put("mainCode", VisitErrors.text("VNEMR-6211"));
        } else if (mainCode.isEmpty()) {
            errors.put("mainCode", VisitErrors.text("VNEMR-6210"));
        } else {
            icd.find(mainCode).ifPresentOrElse(codes::add,
                    () -> errors.put("mainCode", VisitErrors.text("VNEMR-6209", mainCode)));
        }
        Set<String> secondary = new LinkedHashSet<>();
        for (String code : form.getOrDefault("secondaryCodes", "").toUpperCase().split("[\\s,;]+")) {
            if (!code.isBlank() && !code.equals(mainCode)) {
                secondary.add(code);
            }
        }
        for (String code : secondary) {
            if (icd.available()) {
                icd.find(code).ifPresentOrElse(codes::add, () -> errors.merge("secondaryCodes",
                        VisitErrors.text("VNEMR-6209", code), (a, b) -> a + " " + b));
            }
        }
        if (form.getOrDefault("mainText", "").length() > 1000 || form.getOrDefault("yhctText", "").length() > 1000) {
            errors.put("mainText", VisitErrors.text("VNEMR-6208", 1000));
        }
        if (!errors.isEmpty()) {
            return screen.refused("diagnosis", e, user, model, "dx", form, errors, response);
        }
        List<Condition> existing = store.search(Condition.class, Map.of("encounter", List.of(Visits.reference(e)),
                "_count", List.of("200")), user);
        Map<String, Condition> byCode = new HashMap<>();
        for (Condition c : existing) {
            if (!enteredInError(c)) {
                c.getCode().getCoding().stream().filter(x -> VisitCodes.CS_ICD10.equals(x.getSystem()))
                        .findFirst().ifPresent(x -> byCode.putIfAbsent(x.getCode(), c));
            }
        }
        List<Resource> writes = new ArrayList<>();
        e.getDiagnosis().clear();
        int rank = 1;
        for (Concept concept : codes) {
            Condition c = byCode.remove(concept.code());
            if (c == null) {
                c = newCondition(e, user);
            }
            fill(c, concept, rank == 1 ? form : Map.of());
            writes.add(c);
            Encounter.DiagnosisComponent d = e.addDiagnosis();
            d.setCondition(new Reference(c.getIdElement().getValue().startsWith("urn:uuid:")
                    ? c.getIdElement().getValue() : "Condition/" + c.getIdElement().getIdPart()));
            d.getUse().addCoding().setSystem(VisitCodes.DIAGNOSIS_ROLE).setCode("billing").setDisplay("Billing");
            d.setRank(rank++);
        }
        int kept = writes.size();
        for (Condition dropped : byCode.values()) {
            dropped.setClinicalStatus(null);
            dropped.getVerificationStatus().getCoding().clear();
            dropped.getVerificationStatus().addCoding().setSystem(VisitCodes.CONDITION_VERIFICATION)
                    .setCode("entered-in-error");
            writes.add(dropped);
        }
        writes.add(e);
        try {
            store.transaction(writes, user);
        } catch (WriteRefused refused) {
            for (WriteRefused.Problem p : refused.problems()) {
                String field = "diagnosis";
                Matcher m = p.expression() == null ? null : ENTRY.matcher(p.expression());
                if (m != null && m.find() && Integer.parseInt(m.group(1)) < kept) {
                    field = Integer.parseInt(m.group(1)) == 0 ? "mainCode" : "secondaryCodes";
                }
                String text = (p.code() != null ? p.code() + ": " : "")
                        + (p.vietnamese() != null ? p.vietnamese() : p.english());
                errors.merge(field, text, (a, b) -> a + " " + b);
            }
            return screen.refused("diagnosis", visits.encounter(encounterId, user), user, model, "dx", form,
                    errors, response);
        }
        model.addAttribute("dxSaved", true);
        return screen.section("diagnosis", visits.encounter(encounterId, user), user, model);
    }

    private static Condition newCondition(Encounter e, CurrentUser user) {
        Condition c = new Condition();
        c.getMeta().addProfile(VisitCodes.VN + "/StructureDefinition/vn-core-condition");
        c.setId("urn:uuid:" + UUID.randomUUID());
        c.setSubject(e.getSubject().copy());
        c.setEncounter(new Reference(Visits.reference(e)));
        c.setRecordedDate(new Date());
        user.practitionerReference().ifPresent(p -> c.setRecorder(new Reference(p)));
        return c;
    }

    private static boolean enteredInError(Condition c) {
        return c.getVerificationStatus().hasCoding(VisitCodes.CONDITION_VERIFICATION, "entered-in-error");
    }

    /** Code, category, status; for the main diagnosis also the YHCT coding and the free-text diagnosis. */
    private static void fill(Condition c, Concept concept, Map<String, String> form) {
        c.getClinicalStatus().getCoding().clear();
        c.getClinicalStatus().addCoding().setSystem(VisitCodes.CONDITION_CLINICAL).setCode("active");
        c.getVerificationStatus().getCoding().clear();
        c.getVerificationStatus().addCoding().setSystem(VisitCodes.CONDITION_VERIFICATION).setCode("confirmed");
        c.getCategory().clear();
        c.addCategory().addCoding().setSystem(VisitCodes.CONDITION_CATEGORY).setCode("encounter-diagnosis")
                .setDisplay("Encounter Diagnosis");
        c.getCode().getCoding().clear();
        c.getCode().addCoding(new Coding(VisitCodes.CS_ICD10, concept.code(), concept.display()));
        String yhctCode = form.getOrDefault("yhctCode", "").strip();
        String yhctText = form.getOrDefault("yhctText", "").strip();
        if (!yhctCode.isEmpty() || !yhctText.isEmpty()) {
            Coding yhct = c.getCode().addCoding().setSystem(VisitCodes.CS_YHCT);
            if (!yhctCode.isEmpty()) {
                yhct.setCode(yhctCode);
            }
            if (!yhctText.isEmpty()) {
                yhct.setDisplay(yhctText);
            }
        }
        String text = form.getOrDefault("mainText", "").strip();
        c.getCode().setText(text.isEmpty() ? concept.display() : text);
    }
}

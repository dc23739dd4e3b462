package org.vnemr.emr.outpatient;

import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
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

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bệnh sử, tiền sử, khám: the doctor's notes as sections of the visit's {@code phieu-kham} Composition
 * (preliminary until the visit ends). The reason for the visit is also the Encounter's reasonCode text.
 */
@Controller
class ExaminationController {

    /** Form field → document-section code, in the order the paper prints them. */
    static final Map<String, String> FIELDS = new LinkedHashMap<>();
    static final Map<String, String> TITLES = Map.of(
            "ly-do-kham", "Lý do vào viện/khám bệnh", "benh-su", "Bệnh sử", "tien-su", "Tiền sử",
            "kham-toan-than", "Khám toàn thân", "kham-cac-co-quan", "Khám các cơ quan", "tom-tat",
            "Tóm tắt kết quả khám", "ket-luan", "Kết luận");
    static final int MAX_LENGTH = 4000;

    static {
        FIELDS.put("reason", "ly-do-kham");
        FIELDS.put("history", "benh-su");
        FIELDS.put("pastHistory", "tien-su");
        FIELDS.put("examGeneral", "kham-toan-than");
        FIELDS.put("examSystems", "kham-cac-co-quan");
        FIELDS.put("summary", "tom-tat");
    }

    private final ClinicalStore store;
    private final Visits visits;
    private final VisitScreen screen;

    ExaminationController(ClinicalStore store, Visits visits, VisitScreen screen) {
        this.store = store;
        this.visits = visits;
        this.screen = screen;
    }

    @PostMapping("/kham-benh/{encounterId}/kham")
    @Requires(value = Permission.EDIT, patient = "encounterId")
    String save(@PathVariable String encounterId, @RequestParam Map<String, String> form, CurrentUser user,
                Model model, HttpServletResponse response) {
        Encounter e = visits.open(encounterId, user);
        Map<String, String> errors = new LinkedHashMap<>();
        if (form.getOrDefault("reason", "").isBlank()) {
            errors.put("reason", VisitErrors.text("VNEMR-6207", "lý do khám"));
        }
        for (String field : FIELDS.keySet()) {
            if (form.getOrDefault(field, "").length() > MAX_LENGTH) {
                errors.put(field, VisitErrors.text("VNEMR-6208", MAX_LENGTH));
            }
        }
        if (!errors.isEmpty()) {
            return screen.refused("exam", e, user, model, "exam", form, errors, response);
        }
        Composition record = record(e, user);
        record.getSection().removeIf(s -> FIELDS.containsValue(s.getCode().getCodingFirstRep().getCode()));
        List<Composition.SectionComponent> sections = new ArrayList<>();
        for (Map.Entry<String, String> field : FIELDS.entrySet()) {
            String text = form.getOrDefault(field.getKey(), "");
            if (!text.isBlank()) {
                sections.add(section(field.getValue(), text));
            }
        }
        sections.addAll(record.getSection()); // the conclusion, when there is one, stays last
        record.setSection(sections);
        record.setDate(new Date());
        e.getReasonCodeFirstRep().setText(form.get("reason").strip());
        try {
            store.transaction(List.<Resource>of(record, e), user);
        } catch (WriteRefused refused) {
            errors.put("exam", VisitScreen.text(refused));
            return screen.refused("exam", e, user, model, "exam", form, errors, response);
        }
        model.addAttribute("examSaved", true);
        return screen.section("exam", visits.encounter(encounterId, user), user, model);
    }

    /** The visit's examination record, or a new preliminary one. */
    Composition record(Encounter e, CurrentUser user) {
        List<Composition> documents = store.search(Composition.class, Map.of("encounter",
                List.of(Visits.reference(e)), "_count", List.of("50")), user);
        return Visits.document(documents, VisitCodes.PHIEU_KHAM).orElseGet(() -> {
            Composition c = new Composition();
            c.setStatus(Composition.CompositionStatus.PRELIMINARY);
            c.getType().addCoding().setSystem(VisitCodes.CS_DOCUMENT_TYPE).setCode(VisitCodes.PHIEU_KHAM)
                    .setDisplay("Phiếu khám bệnh");
            c.setSubject(e.getSubject().copy());
            c.setEncounter(new Reference(Visits.reference(e)));
            c.setDate(new Date());
            c.addAuthor(author(user));
            c.setTitle("Phiếu khám bệnh");
            return c;
        });
    }

    static Reference author(CurrentUser user) {
        return new Reference(user.practitionerReference().orElse("Organization/facility"))
                .setDisplay(user.displayName());
    }

    static Composition.SectionComponent section(String code, String text) {
        Composition.SectionComponent s = new Composition.SectionComponent();
        s.setTitle(TITLES.getOrDefault(code, code));
        s.getCode().addCoding().setSystem(VisitCodes.CS_DOCUMENT_SECTION).setCode(code);
        s.setText(Narrative.of(text));
        return s;
    }
}

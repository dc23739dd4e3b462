package org.vnemr.emr.inpatient;

import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.store.WriteRefused;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.emr.web.Requires;
import org.vnemr.platform.access.Permission;
import org.vnemr.signing.document.DocumentAmendments;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Sửa tờ điều trị {@code /noi-tru/{encounterId}/to-dieu-tri/{compositionId}/sua}: the doctor who wrote a day's
 * sheet corrects its clinical course and free-text orders.
 *
 * <ul>
 *   <li>Not signed yet: the sheet is updated in place (the store keeps the earlier version in its history).</li>
 *   <li>Signed ({@code final}): the signed sheet is never touched; the correction is a new draft Composition that
 *   {@code relatesTo replaces} the signed one with the reason in {@link DocumentAmendments#REASON_EXTENSION} — the
 *   shape of the signing module's amendments, so its version chain and signing work on it.</li>
 * </ul>
 * Either way one transaction also writes a Provenance (activity UPDATE; who, when, why; entity revision = the
 * version corrected), which the page lists as the sheet's history. The orders themselves (service and drug
 * requests) are not changed here: a drug is stopped on the medication record.
 */
@Controller
public class TreatmentSheetCorrectionController {

    /**
     * One entry of a sheet's history: the document to read, what was done ({@code written}, {@code amendment} of a
     * signed sheet, {@code corrected} in place), when, by whom and why.
     */
    public record VersionRow(String compositionId, String what, String at, String by, String reason) {
    }

    /** Shortest reason accepted for amending a signed sheet. */
    static final int MIN_REASON = 5;

    private final ClinicalStore store;
    private final Stays stays;
    private final TreatmentSheets sheets;

    TreatmentSheetCorrectionController(ClinicalStore store, Stays stays, TreatmentSheets sheets) {
        this.store = store;
        this.stays = stays;
        this.sheets = sheets;
    }

    @GetMapping("/noi-tru/{encounterId}/to-dieu-tri/{compositionId}/sua")
    @Requires(value = Permission.EDIT, patient = "encounterId")
    public String page(@PathVariable String encounterId, @PathVariable String compositionId, CurrentUser user,
                       Model model) {
        Stay stay = StayPages.load(stays, encounterId, user);
        Composition sheet = sheets.sheet(stay, compositionId, user)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Map<String, String> values = TreatmentSheets.fields(sheet);
        Map<String, String> form = new HashMap<>();
        form.put("dienBien", values.getOrDefault("dienBien", ""));
        form.put("yLenh", values.getOrDefault("yLenh", ""));
        FormErrors errors = new FormErrors();
        refusals(stay, sheet, user, errors);
        fill(model, stay, sheet, form, errors, user);
        // someone who may not correct it still reads the sheet's history here, without the form
        model.addAttribute("readOnly", errors.any());
        return "inpatient/sheet-correction";
    }

    @PostMapping("/noi-tru/{encounterId}/to-dieu-tri/{compositionId}/sua")
    @Requires(value = Permission.EDIT, patient = "encounterId")
    public String save(@PathVariable String encounterId, @PathVariable String compositionId,
                       @RequestParam Map<String, String> params, CurrentUser user, Model model,
                       HttpServletResponse response) {
        Stay stay = StayPages.load(stays, encounterId, user);
        Composition sheet = sheets.sheet(stay, compositionId, user)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Map<String, String> form = new HashMap<>(params);
        FormErrors errors = new FormErrors();
        refusals(stay, sheet, user, errors);
        String course = form.getOrDefault("dienBien", "").trim();
        if (course.isEmpty()) {
            errors.add("dienBien", "VNEMR-6315");
        }
        String reason = form.getOrDefault("lyDoSua", "").trim();
        boolean signed = TreatmentSheets.signed(sheet);
        if (signed && reason.length() < MIN_REASON) {
            errors.add("lyDoSua", "VNEMR-6344", MIN_REASON);
        }
        if (errors.any()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            fill(model, stay, sheet, form, errors, user);
            return "inpatient/sheet-correction";
        }
        Date now = new Date();
        String freeOrders = form.getOrDefault("yLenh", "").trim();
        String corrected = "Composition/" + sheet.getIdPart() + "/_history/" + sheet.getMeta().getVersionId();
        Composition written = signed ? amendment(sheet, reason) : sheet;
        rewrite(written, course, freeOrders, user);
        Provenance provenance = new Provenance();
        provenance.setId("urn:uuid:" + UUID.randomUUID());
        provenance.addTarget(new Reference(signed ? written.getIdElement().getValue()
                : "Composition/" + sheet.getIdPart()));
        provenance.setRecorded(now);
        provenance.getActivity().addCoding().setSystem(Fhir.DATA_OPERATION).setCode("UPDATE").setDisplay("revise");
        if (!reason.isEmpty()) {
            provenance.addReason().setText(reason);
        }
        provenance.addAgent().setWho(user.practitionerReference().map(Reference::new)
                .orElseGet(() -> new Reference().setDisplay(user.username())));
        provenance.addEntity().setRole(Provenance.ProvenanceEntityRole.REVISION).setWhat(new Reference(corrected));
        List<Resource> writes = List.of(written, provenance);
        try {
            store.transaction(writes, user);
        } catch (WriteRefused refused) {
            errors.refused(refused, Map.of());
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            fill(model, stay, sheet, form, errors, user);
            return "inpatient/sheet-correction";
        }
        return "redirect:/noi-tru/" + stay.id() + "/to-dieu-tri";
    }

    /** Why this user may not correct this sheet now, as form-level errors. */
    private void refusals(Stay stay, Composition sheet, CurrentUser user, FormErrors errors) {
        if (!stay.inProgress()) {
            errors.add(FormErrors.FORM, "VNEMR-6335");
        }
        String me = user.practitionerReference().orElse(null);
        if (me == null || !me.equals(sheet.getAuthorFirstRep().getReference())) {
            errors.add(FormErrors.FORM, "VNEMR-6343");
        }
        if (!newer(stay, sheet, user).isEmpty()) {
            errors.add(FormErrors.FORM, "VNEMR-6345");
        }
    }

    /** The sheets of the stay that replace {@code sheet}. */
    private List<Composition> newer(Stay stay, Composition sheet, CurrentUser user) {
        return sheets.all(stay, user).stream()
                .filter(c -> TreatmentSheets.replaced(c).filter(sheet.getIdPart()::equals).isPresent()).toList();
    }

    /** A new draft copy of a signed sheet that replaces it, with the reason (the signing module's shape). */
    private static Composition amendment(Composition signed, String reason) {
        Composition draft = signed.copy();
        draft.setId("urn:uuid:" + UUID.randomUUID());
        draft.setMeta(null);
        draft.setStatus(Composition.CompositionStatus.PRELIMINARY);
        draft.getRelatesTo().clear();
        Composition.CompositionRelatesToComponent replaces = draft.addRelatesTo();
        replaces.addExtension(DocumentAmendments.REASON_EXTENSION, new StringType(reason));
        replaces.setCode(Composition.DocumentRelationshipType.REPLACES);
        replaces.setTarget(new Reference("Composition/" + signed.getIdPart()));
        return draft;
    }

    /** The sheet's course and free-text orders as corrected; the service and drug entries stay as they are. */
    private void rewrite(Composition sheet, String course, String freeOrders, CurrentUser user) {
        String day = TreatmentSheets.fields(sheet).get("ngay");
        TreatmentSheets.section(sheet, TreatmentSheets.COURSE).ifPresent(s -> {
            s.getText().setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>" + Fhir.escape(course)
                    + "</p></div>");
            s.getExtension().removeIf(e -> Fhir.RECORD_FIELD.equals(e.getUrl()));
            Map<String, String> values = new HashMap<>();
            values.put("ngay", day);
            values.put("dienBien", course);
            Fhir.putFields(s, values);
        });
        TreatmentSheets.section(sheet, TreatmentSheets.ORDERS).ifPresent(s -> {
            s.getText().setDivAsString(sheets.ordersNarrative(TreatmentSheetController.lines(freeOrders),
                    s.getEntry(), user));
            s.getExtension().removeIf(e -> Fhir.RECORD_FIELD.equals(e.getUrl()));
            Fhir.putFields(s, Map.of("yLenh", freeOrders));
        });
    }

    private void fill(Model model, Stay stay, Composition sheet, Map<String, String> form, FormErrors errors,
                      CurrentUser user) {
        model.addAttribute("stay", stay);
        model.addAttribute("sheet", sheet);
        model.addAttribute("day", showDay(TreatmentSheets.fields(sheet).get("ngay")));
        model.addAttribute("signed", TreatmentSheets.signed(sheet));
        model.addAttribute("orders", TreatmentSheetController.orderLines(sheet));
        model.addAttribute("history", history(stay, sheet, user));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors.map());
        model.addAttribute("tab", "to-dieu-tri");
        model.addAttribute("readOnly", false);
    }

    /**
     * The sheet's history, oldest first: each sheet of its amendment chain (back through {@code replaces}) with
     * the corrections recorded against it (Provenance UPDATE) — who, when and why.
     */
    private List<VersionRow> history(Stay stay, Composition sheet, CurrentUser user) {
        Map<String, Composition> byId = new HashMap<>();
        for (Composition c : sheets.all(stay, user)) {
            byId.put(c.getIdPart(), c);
        }
        List<Composition> chain = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Composition current = sheet;
        while (current != null && seen.add(current.getIdPart())) {
            chain.add(current);
            current = TreatmentSheets.replaced(current).map(byId::get).orElse(null);
        }
        Collections.reverse(chain);
        List<String> targets = chain.stream().map(c -> "Composition/" + c.getIdPart()).toList();
        List<Provenance> corrections = new ArrayList<>(store.search(Provenance.class, Map.of("target",
                List.of(String.join(",", targets)), "_count", List.of("500")), user));
        corrections.removeIf(p -> p.getActivity().getCoding().stream().noneMatch(c -> "UPDATE".equals(c.getCode())));
        corrections.sort(Comparator.comparing(Provenance::getRecorded));
        List<VersionRow> rows = new ArrayList<>();
        for (Composition c : chain) {
            Optional<String> replaced = TreatmentSheets.replaced(c);
            Optional<Provenance> amended = replaced.flatMap(old -> corrections.stream()
                    .filter(p -> targets(p, c) && revises(p, old)).findFirst());
            if (replaced.isEmpty()) {
                rows.add(new VersionRow(c.getIdPart(), "written", Fhir.show(c.getDate()),
                        Staff.name(store, c.getAuthorFirstRep()), ""));
            } else {
                rows.add(new VersionRow(c.getIdPart(), "amendment",
                        amended.map(p -> Fhir.show(p.getRecorded())).orElse(""),
                        amended.map(p -> Staff.name(store, p.getAgentFirstRep().getWho()))
                                .orElseGet(() -> Staff.name(store, c.getAuthorFirstRep())),
                        TreatmentSheets.amendmentReason(c)));
            }
            for (Provenance p : corrections) {
                if (targets(p, c) && revises(p, c.getIdPart())) {
                    rows.add(new VersionRow(c.getIdPart(), "corrected", Fhir.show(p.getRecorded()),
                            Staff.name(store, p.getAgentFirstRep().getWho()),
                            p.getReasonFirstRep().getText() == null ? "" : p.getReasonFirstRep().getText()));
                }
            }
        }
        return rows;
    }

    private static boolean targets(Provenance p, Composition c) {
        return p.getTarget().stream().anyMatch(t -> c.getIdPart().equals(t.getReferenceElement().getIdPart()));
    }

    /** The Provenance names a version of {@code compositionId} as the revised entity. */
    private static boolean revises(Provenance p, String compositionId) {
        return p.getEntity().stream().anyMatch(e -> compositionId.equals(e.getWhat().getReferenceElement()
                .getIdPart()));
    }

    private static String showDay(String isoDay) {
        try {
            return Fhir.DAY.format(java.time.LocalDate.parse(isoDay));
        } catch (RuntimeException e) {
            return Optional.ofNullable(isoDay).orElse("");
        }
    }
}

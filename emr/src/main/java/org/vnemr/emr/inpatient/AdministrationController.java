package org.vnemr.emr.inpatient;

import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vnemr.emr.charges.ChargeCapture;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.store.WriteRefused;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.emr.web.Requires;
import org.vnemr.platform.access.Permission;
import org.vnemr.platform.access.Role;
import org.vnemr.terminology.catalogue.CatalogueKind;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Thuốc đã dùng {@code /noi-tru/{encounterId}/thuoc}: the stay's active inpatient drug orders; the nurse records
 * each dose given ("đã dùng", time and dose) as a MedicationAdministration with herself as performer, billed as a
 * drug charge when the charges feature is present. The list below shows who gave what and when.
 *
 * <p>Ngừng thuốc: the doctor stops an active order with a reason ({@code POST …/thuoc/ngung}); the order becomes
 * {@code stopped} with the reason in {@code statusReason}, and a Provenance (activity ABORT) says who stopped it and
 * when. A stopped order takes no further administrations; what was given and charged before stays as it was.
 */
@Controller
public class AdministrationController {

    /** An active order with what to give. */
    public record OrderRow(String id, String drug, String code, String sig, String dose, String unit) {
    }

    /** A dose given. */
    public record GivenRow(String at, String drug, String dose, String nurse) {
    }

    /** A stopped order: who stopped it, when and why. */
    public record StoppedRow(String id, String drug, String code, String sig, String at, String by, String reason) {
    }

    /** Shortest reason accepted for stopping a drug: a word or two a colleague can act on, not "x". */
    static final int MIN_STOP_REASON = 5;

    /** v3-DataOperation ABORT: an act ended before its intended completion (FHIR Provenance.activity). */
    static final String ABORT = "ABORT";

    private final ClinicalStore store;
    private final Stays stays;
    private final ObjectProvider<ChargeCapture> charges;

    public AdministrationController(ClinicalStore store, Stays stays, ObjectProvider<ChargeCapture> charges) {
        this.store = store;
        this.stays = stays;
        this.charges = charges;
    }

    @GetMapping("/noi-tru/{encounterId}/thuoc")
    @Requires(value = Permission.VIEW, patient = "encounterId")
    public String page(@PathVariable String encounterId, CurrentUser user, Model model) {
        Stay stay = StayPages.load(stays, encounterId, user);
        fill(model, stay, new HashMap<>(), new FormErrors(), user);
        return "inpatient/mar";
    }

    @PostMapping("/noi-tru/{encounterId}/thuoc")
    @Requires(value = Permission.CREATE, patient = "encounterId")
    public String give(@PathVariable String encounterId, @RequestParam Map<String, String> params, CurrentUser user,
                       Model model, HttpServletResponse response) {
        Stay stay = StayPages.load(stays, encounterId, user);
        Map<String, String> form = new HashMap<>(params);
        FormErrors errors = new FormErrors();
        String requestId = form.getOrDefault("yLenh", "");
        MedicationRequest order = orders(stay, user).stream().filter(o -> o.getIdPart().equals(requestId))
                .findFirst().orElse(null);
        if (!stay.inProgress()) {
            errors.add(FormErrors.FORM, "VNEMR-6335");
        }
        if (order == null) {
            Optional<StoppedRow> stopped = stopped(stay, user).stream()
                    .filter(o -> o.id().equals(requestId)).findFirst();
            if (stopped.isPresent()) {
                errors.add("yLenh", "VNEMR-6342", stopped.get().drug(), stopped.get().at(), stopped.get().by(),
                        stopped.get().reason());
            } else {
                errors.add("yLenh", "VNEMR-6323");
            }
        }
        LocalDateTime at = Times.parse(form.get("thoiGian"), "thoiGian", errors);
        if (at != null && (Fhir.date(at).before(stay.encounter().getPeriod().getStart())
                || at.isAfter(LocalDateTime.now(Fhir.ZONE).plusMinutes(5)))) {
            errors.add("thoiGian", "VNEMR-6322", stay.admitted());
        }
        BigDecimal dose = null;
        try {
            dose = new BigDecimal(form.getOrDefault("lieu", "").trim().replace(',', '.'));
            if (dose.signum() <= 0) {
                errors.add("lieu", "VNEMR-6324");
            }
        } catch (NumberFormatException e) {
            errors.add("lieu", "VNEMR-6324");
        }
        if (errors.any()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            fill(model, stay, form, errors, user);
            return "inpatient/mar";
        }
        String nurse = user.practitionerReference().orElse(null);
        MedicationAdministration given = new MedicationAdministration();
        given.setId("urn:uuid:" + java.util.UUID.randomUUID());
        given.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
        given.setMedication(order.getMedicationCodeableConcept().copy());
        given.setSubject(stay.encounter().getSubject().copy());
        given.setContext(new Reference("Encounter/" + stay.id()));
        given.setEffective(new DateTimeType(Fhir.date(at)));
        given.setRequest(new Reference("MedicationRequest/" + order.getIdPart()));
        if (nurse != null) {
            given.addPerformer().setActor(new Reference(nurse));
        }
        Quantity ordered = order.getDosageInstructionFirstRep().getDoseAndRateFirstRep().getDoseQuantity();
        given.getDosage().setDose(new Quantity().setValue(dose).setUnit(ordered.getUnit()))
                .setRoute(order.getDosageInstructionFirstRep().getRoute().copy());
        List<Resource> writes = new ArrayList<>(List.of(given));
        writes.addAll(CareCharges.forCare(charges, stay.encounter(), List.of(new ChargeCapture.Billable(
                CatalogueKind.DRUG, Fhir.code(order.getMedicationCodeableConcept(), Fhir.CATALOGUE_DRUG),
                dose, Fhir.date(at).toInstant(), new Reference("MedicationRequest/" + order.getIdPart())))));
        try {
            store.transaction(writes, user);
        } catch (WriteRefused refused) {
            errors.refused(refused, Map.of());
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            fill(model, stay, form, errors, user);
            return "inpatient/mar";
        }
        return "redirect:/noi-tru/" + stay.id() + "/thuoc";
    }

    @PostMapping("/noi-tru/{encounterId}/thuoc/ngung")
    @Requires(value = Permission.CANCEL, patient = "encounterId")
    public String stop(@PathVariable String encounterId, @RequestParam Map<String, String> params, CurrentUser user,
                       Model model, HttpServletResponse response) {
        Stay stay = StayPages.load(stays, encounterId, user);
        Map<String, String> form = new HashMap<>(params);
        form.put("ngung", "1");
        FormErrors errors = new FormErrors();
        String requestId = form.getOrDefault("yLenh", "");
        MedicationRequest order = orders(stay, user).stream().filter(o -> o.getIdPart().equals(requestId))
                .findFirst().orElse(null);
        if (!stay.inProgress()) {
            errors.add(FormErrors.FORM, "VNEMR-6335");
        }
        // the access matrix lets every role that may cancel records through; a drug order is the doctor's own
        if (!(user.has(Role.DOCTOR) || user.has(Role.DEPARTMENT_HEAD)) || user.practitionerId() == null) {
            errors.add(FormErrors.FORM, "VNEMR-6346");
        }
        if (order == null) {
            errors.add("yLenh", "VNEMR-6341");
        }
        String reason = form.getOrDefault("lyDoNgung", "").trim();
        if (reason.length() < MIN_STOP_REASON) {
            errors.add("lyDoNgung", "VNEMR-6340", MIN_STOP_REASON);
        }
        if (errors.any()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            fill(model, stay, form, errors, user);
            return "inpatient/mar";
        }
        Date now = new Date();
        order.setStatus(MedicationRequest.MedicationRequestStatus.STOPPED);
        order.getStatusReason().setText(reason);
        // who, when and why in the standard place for "this record changed"; the order itself has no stopper field
        Provenance stopped = new Provenance();
        stopped.setId("urn:uuid:" + java.util.UUID.randomUUID());
        stopped.addTarget(new Reference("MedicationRequest/" + order.getIdPart()));
        stopped.setRecorded(now);
        stopped.setOccurred(new DateTimeType(now));
        stopped.getActivity().addCoding().setSystem(Fhir.DATA_OPERATION).setCode(ABORT).setDisplay("abort");
        stopped.addReason().setText(reason);
        stopped.addAgent().setWho(user.practitionerReference().map(Reference::new)
                .orElseGet(() -> new Reference().setDisplay(user.username())));
        try {
            store.transaction(List.of(order, stopped), user);
        } catch (WriteRefused refused) {
            errors.refused(refused, Map.of());
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            fill(model, stay, form, errors, user);
            return "inpatient/mar";
        }
        return "redirect:/noi-tru/" + stay.id() + "/thuoc";
    }

    /** The stay's stopped inpatient orders with who stopped them, when and why (newest first). */
    List<StoppedRow> stopped(Stay stay, CurrentUser user) {
        List<MedicationRequest> orders = store.search(MedicationRequest.class, Map.of(
                "encounter", List.of("Encounter/" + stay.id()), "status", List.of("stopped"),
                "category", List.of(Fhir.MED_REQUEST_CATEGORY + "|inpatient"), "_count", List.of("500")), user);
        if (orders.isEmpty()) {
            return List.of();
        }
        Map<String, Provenance> byOrder = new HashMap<>();
        List<String> targets = orders.stream().map(o -> "MedicationRequest/" + o.getIdPart()).toList();
        for (Provenance p : store.search(Provenance.class, Map.of("target", List.of(String.join(",", targets)),
                "_count", List.of("1000")), user)) {
            if (p.getActivity().getCoding().stream().anyMatch(c -> ABORT.equals(c.getCode()))) {
                for (Reference t : p.getTarget()) {
                    byOrder.merge(t.getReferenceElement().getIdPart(), p,
                            (a, b) -> a.getRecorded().after(b.getRecorded()) ? a : b);
                }
            }
        }
        Date unknown = new Date(0);
        List<MedicationRequest> newestFirst = new ArrayList<>(orders);
        newestFirst.sort(Comparator.comparing((MedicationRequest o) -> Optional.ofNullable(byOrder.get(o.getIdPart()))
                .map(Provenance::getRecorded).orElse(unknown)).reversed());
        List<StoppedRow> rows = new ArrayList<>();
        for (MedicationRequest o : newestFirst) {
            Provenance p = byOrder.get(o.getIdPart());
            rows.add(new StoppedRow(o.getIdPart(), o.getMedicationCodeableConcept().getCodingFirstRep().getDisplay(),
                    o.getMedicationCodeableConcept().getCodingFirstRep().getCode(),
                    o.getDosageInstructionFirstRep().getText(), p == null ? "" : Fhir.show(p.getRecorded()),
                    p == null ? "" : Staff.name(store, p.getAgentFirstRep().getWho()),
                    o.getStatusReason().getText()));
        }
        return rows;
    }

    private List<MedicationRequest> orders(Stay stay, CurrentUser user) {
        return store.search(MedicationRequest.class, Map.of("encounter", List.of("Encounter/" + stay.id()),
                "status", List.of("active"), "category", List.of(Fhir.MED_REQUEST_CATEGORY + "|inpatient"),
                "_count", List.of("500")), user);
    }

    private void fill(Model model, Stay stay, Map<String, String> form, FormErrors errors, CurrentUser user) {
        List<OrderRow> orders = orders(stay, user).stream().map(o -> {
            Quantity dose = o.getDosageInstructionFirstRep().getDoseAndRateFirstRep().getDoseQuantity();
            return new OrderRow(o.getIdPart(), o.getMedicationCodeableConcept().getCodingFirstRep().getDisplay(),
                    o.getMedicationCodeableConcept().getCodingFirstRep().getCode(),
                    o.getDosageInstructionFirstRep().getText(),
                    dose.hasValue() ? dose.getValue().toPlainString() : "", dose.getUnit());
        }).toList();
        List<MedicationAdministration> given = new ArrayList<>(store.search(MedicationAdministration.class,
                Map.of("context", List.of("Encounter/" + stay.id()), "_count", List.of("1000")), user));
        given.sort(Comparator.comparing((MedicationAdministration a) -> a.getEffectiveDateTimeType().getValue())
                .reversed());
        List<GivenRow> rows = given.stream().map(a -> new GivenRow(Fhir.show(a.getEffectiveDateTimeType().getValue()),
                a.getMedicationCodeableConcept().getCodingFirstRep().getDisplay(),
                a.getDosage().getDose().getValue().toPlainString() + " " + (a.getDosage().getDose().getUnit() == null
                        ? "" : a.getDosage().getDose().getUnit()),
                Staff.name(store, a.getPerformerFirstRep().getActor()))).toList();
        if (!form.containsKey("thoiGian")) {
            form.put("thoiGian", LocalDateTime.now(Fhir.ZONE).withSecond(0).withNano(0).toString());
        }
        model.addAttribute("orders", orders);
        model.addAttribute("stopped", stopped(stay, user));
        model.addAttribute("given", rows);
        model.addAttribute("stay", stay);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors.map());
        model.addAttribute("tab", "thuoc");
    }
}

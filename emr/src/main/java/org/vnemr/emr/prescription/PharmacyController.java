package org.vnemr.emr.prescription;

import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.store.WriteRefused;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.emr.web.Requires;
import org.vnemr.platform.access.Permission;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Nhà thuốc {@code /duoc}: today's prescriptions waiting (MedicationRequest active) and those handed out. "Đã phát"
 * records a MedicationDispense per line and completes the lines, in one transaction.
 */
@Controller
public class PharmacyController {

    private final ClinicalStore store;

    public PharmacyController(ClinicalStore store) {
        this.store = store;
    }

    /** One prescription as the pharmacy sees it: its code, patient and lines. */
    public record Group(String code, String patient, Date authored, List<MedicationRequest> lines) {
    }

    @GetMapping("/duoc")
    @Requires(Permission.VIEW)
    public String list(CurrentUser user, Model model) {
        model.addAttribute("waiting", groups("active", user));
        model.addAttribute("dispensed", groups("completed", user));
        return "prescription/pharmacy";
    }

    @PostMapping("/duoc/{code}/phat")
    @Requires(Permission.EDIT)
    public String dispense(@PathVariable String code, CurrentUser user, Model model, Locale locale,
                           HttpServletResponse response) {
        List<MedicationRequest> lines = today("active", user).stream()
                .filter(mr -> code.equals(mr.getGroupIdentifier().getValue())).toList();
        if (lines.isEmpty()) {
            return refused(model, user, response, PrescriptionService.text(locale, "VNEMR-6263", code));
        }
        List<Resource> writes = new ArrayList<>();
        Date now = new Date();
        for (MedicationRequest mr : lines) {
            MedicationDispense dispense = new MedicationDispense();
            dispense.setStatus(MedicationDispense.MedicationDispenseStatus.COMPLETED);
            dispense.setMedication(mr.getMedicationCodeableConcept().copy());
            dispense.setSubject(mr.getSubject().copy());
            dispense.setContext(mr.getEncounter().copy());
            dispense.addAuthorizingPrescription(new Reference("MedicationRequest/" + mr.getIdElement().getIdPart()));
            dispense.setQuantity(mr.getDispenseRequest().getQuantity().copy());
            dispense.setDaysSupply(mr.getDispenseRequest().getExpectedSupplyDuration().copy());
            dispense.setWhenHandedOverElement(new DateTimeType(now));
            mr.getDosageInstruction().forEach(d -> dispense.addDosageInstruction(d.copy()));
            user.practitionerReference().ifPresent(p -> dispense.addPerformer().setActor(new Reference(p)));
            writes.add(dispense);
            mr.setStatus(MedicationRequest.MedicationRequestStatus.COMPLETED);
            mr.setMeta(null);
            writes.add(mr);
        }
        try {
            store.transaction(writes, user);
        } catch (WriteRefused e) {
            return refused(model, user, response, PrescriptionService.text(locale, "VNEMR-6264",
                    e.problems().get(0).vietnamese()));
        }
        return "redirect:/duoc";
    }

    private String refused(Model model, CurrentUser user, HttpServletResponse response, String message) {
        response.setStatus(422);
        model.addAttribute("error", message);
        return list(user, model);
    }

    private List<Group> groups(String status, CurrentUser user) {
        Map<String, List<MedicationRequest>> byCode = new LinkedHashMap<>();
        for (MedicationRequest mr : today(status, user)) {
            String code = mr.getGroupIdentifier().getValue();
            if (code != null) {
                byCode.computeIfAbsent(code, c -> new ArrayList<>()).add(mr);
            }
        }
        List<Group> groups = new ArrayList<>();
        byCode.forEach((code, lines) -> groups.add(new Group(code, lines.get(0).getSubject().getDisplay() != null
                ? lines.get(0).getSubject().getDisplay() : lines.get(0).getSubject().getReference(),
                lines.get(0).getAuthoredOn(), lines)));
        return groups;
    }

    private List<MedicationRequest> today(String status, CurrentUser user) {
        LocalDate day = DrugCatalogue.today();
        return store.search(MedicationRequest.class, Map.of("status", List.of(status),
                "authoredon", List.of("ge" + day + "T00:00:00+07:00"), "_sort", List.of("-authoredon"),
                "_count", List.of("500")), user).stream()
                .filter(mr -> mr.getGroupIdentifier().hasValue()).toList();
    }
}

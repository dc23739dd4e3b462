package org.vnemr.emr.inpatient;

import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
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

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chuyển khoa {@code /noi-tru/{encounterId}/chuyen-khoa}: to another department and one of its free beds, in one
 * transaction (old bed period closed and bed freed, new bed occupied, department changed, a new department
 * sub-encounter, bed-days of the old bed billed when the charges feature is present).
 */
@Controller
public class TransferController {

    private final ClinicalStore store;
    private final Stays stays;
    private final Transfers transfers;

    public TransferController(ClinicalStore store, Stays stays, Transfers transfers) {
        this.store = store;
        this.stays = stays;
        this.transfers = transfers;
    }

    @GetMapping("/noi-tru/{encounterId}/chuyen-khoa")
    @Requires(value = Permission.VIEW, patient = "encounterId")
    public String page(@PathVariable String encounterId, CurrentUser user, Model model) {
        Stay stay = StayPages.load(stays, encounterId, user);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("at", LocalDateTime.now(Fhir.ZONE).withSecond(0).withNano(0).toString());
        fill(model, stay, form, new FormErrors());
        return "inpatient/transfer";
    }

    @PostMapping("/noi-tru/{encounterId}/chuyen-khoa")
    @Requires(value = Permission.EDIT, patient = "encounterId")
    public String transfer(@PathVariable String encounterId, CurrentUser user,
                           @RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        Stay stay = StayPages.load(stays, encounterId, user);
        Map<String, String> form = new LinkedHashMap<>(params);
        FormErrors errors = new FormErrors();
        if (!stay.inProgress()) {
            errors.add(FormErrors.FORM, "VNEMR-6335");
        }
        Organization department = stays.department(form.get("department")).orElse(null);
        if (department == null) {
            errors.add("department", "VNEMR-6302");
        } else if (department.getIdPart().equals(stay.department().getIdPart())) {
            errors.add("department", "VNEMR-6325");
        }
        Location bed = stays.bed(form.get("bed")).orElse(null);
        if (bed == null || !Stays.free(bed) || department == null
                || !bed.getManagingOrganization().getReferenceElement().getIdPart().equals(department.getIdPart())) {
            errors.add("bed", "VNEMR-6303");
        }
        LocalDateTime at = Times.parse(form.get("at"), "at", errors);
        Date bedStart = stay.encounter().getLocation().stream()
                .filter(l -> l.getStatus() == Encounter.EncounterLocationStatus.ACTIVE)
                .map(l -> l.getPeriod().getStart()).reduce((a, b) -> b).orElse(stay.encounter().getPeriod().getStart());
        if (at != null && (Fhir.date(at).before(bedStart)
                || at.isAfter(LocalDateTime.now(Fhir.ZONE).plusMinutes(5)))) {
            errors.add("at", "VNEMR-6337", Fhir.show(bedStart));
        }
        if (errors.any()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            fill(model, stay, form, errors);
            return "inpatient/transfer";
        }
        Encounter encounter = stay.encounter();
        List<Resource> writes = new ArrayList<>();
        Date when = Fhir.date(at);
        transfers.leave(encounter, when, user, writes);
        transfers.take(encounter, department, bed, when, writes);
        writes.add(0, encounter);
        try {
            store.transaction(writes, user);
        } catch (WriteRefused refused) {
            errors.refused(refused, Map.of("Location", "bed"));
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            fill(model, stay, form, errors);
            return "inpatient/transfer";
        }
        return "redirect:/noi-tru";
    }

    private void fill(Model model, Stay stay, Map<String, String> form, FormErrors errors) {
        List<AdmissionController.BedGroup> groups = stays.allDepartments().stream()
                .filter(d -> !d.getIdPart().equals(stay.department().getIdPart()))
                .map(d -> new AdmissionController.BedGroup(d.getIdPart(), d.getName(), stays.freeBeds(d.getIdPart())))
                .toList();
        model.addAttribute("stay", stay);
        model.addAttribute("bedGroups", groups);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors.map());
        model.addAttribute("tab", "chuyen-khoa");
    }
}

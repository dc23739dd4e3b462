package org.vnemr.emr.outpatient;

import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vnemr.emr.patient.PatientBanner;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.store.WriteRefused;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.emr.web.Requires;
import org.vnemr.platform.access.Permission;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Nhập kết quả cận lâm sàng (minimal): the technician sees the active lab/imaging/procedure orders and enters one
 * result per order → DiagnosticReport + Observation (value, unit, reference range, H/L flag computed) or an
 * imaging conclusion; the order becomes completed. One transaction.
 */
@Controller
class ResultEntryController {

    /** One pending order in the technician's list. */
    public record Pending(String id, String requisition, String service, String category, String patient,
                   String authoredOn) {
    }

    private final ClinicalStore store;

    ResultEntryController(ClinicalStore store) {
        this.store = store;
    }

    @GetMapping("/can-lam-sang")
    @Requires(Permission.VIEW)
    String list(CurrentUser user, Model model) {
        ClinicalStore.Page<ServiceRequest> page = store.searchWithIncludes(ServiceRequest.class, Map.of(
                "status", List.of("active"), "category", List.of(VisitCodes.SNOMED + "|" + VisitCodes.LAB + ","
                        + VisitCodes.SNOMED + "|" + VisitCodes.IMAGING + "," + VisitCodes.SNOMED + "|"
                        + VisitCodes.PROCEDURE), "_include", List.of("ServiceRequest:subject"),
                "_count", List.of("200")), user);
        Map<String, Patient> patients = new HashMap<>();
        for (Resource r : page.included()) {
            if (r instanceof Patient p) {
                patients.put("Patient/" + p.getIdElement().getIdPart(), p);
            }
        }
        List<Pending> rows = new ArrayList<>();
        for (ServiceRequest r : page.matches()) {
            Patient p = patients.get(r.getSubject().getReference());
            rows.add(new Pending(r.getIdElement().getIdPart(), r.getRequisition().getValue(),
                    r.getCode().getCodingFirstRep().getDisplay(), OrderCategory.of(r).map(OrderCategory::label)
                    .orElse(""), p == null ? "" : PatientBanner.of(p, List.of(), null, LocalDate.now()).name(),
                    Visits.time(r.getAuthoredOn())));
        }
        model.addAttribute("pending", rows);
        return "outpatient/results";
    }

    @GetMapping("/can-lam-sang/{serviceRequestId}")
    @Requires(Permission.VIEW)
    String form(@PathVariable String serviceRequestId, CurrentUser user, Model model) {
        model.addAttribute("order", order(serviceRequestId, user));
        return "outpatient/result-entry";
    }

    @PostMapping("/can-lam-sang/{serviceRequestId}")
    @Requires(Permission.CREATE)
    String save(@PathVariable String serviceRequestId, @RequestParam Map<String, String> form, CurrentUser user,
                Model model, HttpServletResponse response) {
        ServiceRequest order = order(serviceRequestId, user);
        Map<String, String> errors = new LinkedHashMap<>();
        if (order.getStatus() != ServiceRequest.ServiceRequestStatus.ACTIVE) {
            errors.put("value", VisitErrors.text("VNEMR-6221"));
        }
        String value = form.getOrDefault("value", "").strip();
        String conclusion = form.getOrDefault("conclusion", "").strip();
        if (value.isEmpty() && conclusion.isEmpty()) {
            errors.put("value", VisitErrors.text("VNEMR-6222"));
        }
        BigDecimal number = decimal(value);
        BigDecimal low = decimal(form.getOrDefault("low", ""));
        BigDecimal high = decimal(form.getOrDefault("high", ""));
        if (!form.getOrDefault("low", "").isBlank() && low == null) {
            errors.put("low", VisitErrors.text("VNEMR-6203", "Giới hạn dưới"));
        }
        if (!form.getOrDefault("high", "").isBlank() && high == null) {
            errors.put("high", VisitErrors.text("VNEMR-6203", "Giới hạn trên"));
        }
        if (value.length() > 200 || conclusion.length() > ExaminationController.MAX_LENGTH) {
            errors.put("value", VisitErrors.text("VNEMR-6208", ExaminationController.MAX_LENGTH));
        }
        if (!errors.isEmpty()) {
            response.setStatus(422);
            model.addAttribute("order", order);
            model.addAttribute("resultForm", form);
            model.addAttribute("resultErrors", errors);
            return "outpatient/result-entry";
        }
        DateTimeType now = DateTimeType.now();
        DiagnosticReport report = new DiagnosticReport();
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.setCode(order.getCode().copy());
        report.setCategory(order.getCategory().stream().map(CodeableConcept::copy).toList());
        report.setSubject(order.getSubject().copy());
        report.setEncounter(order.getEncounter().copy());
        report.addBasedOn(new Reference("ServiceRequest/" + serviceRequestId));
        report.setEffective(now);
        report.setIssued(new Date());
        user.practitionerReference().ifPresent(p -> report.addPerformer(new Reference(p)));
        List<Resource> writes = new ArrayList<>();
        if (!value.isEmpty()) {
            Observation o = new Observation();
            o.setId("urn:uuid:" + UUID.randomUUID());
            o.setStatus(Observation.ObservationStatus.FINAL);
            o.setCode(order.getCode().copy());
            o.setSubject(order.getSubject().copy());
            o.setEncounter(order.getEncounter().copy());
            o.addBasedOn(new Reference("ServiceRequest/" + serviceRequestId));
            o.setEffective(now.copy());
            String unit = form.getOrDefault("unit", "").strip();
            if (number != null) {
                o.setValue(new Quantity().setValue(number).setUnit(unit.isEmpty() ? null : unit));
                if (low != null || high != null) {
                    Observation.ObservationReferenceRangeComponent range = o.addReferenceRange();
                    if (low != null) {
                        range.setLow(new Quantity().setValue(low).setUnit(unit.isEmpty() ? null : unit));
                    }
                    if (high != null) {
                        range.setHigh(new Quantity().setValue(high).setUnit(unit.isEmpty() ? null : unit));
                    }
                }
                String flag = high != null && number.compareTo(high) > 0 ? "H"
                        : low != null && number.compareTo(low) < 0 ? "L" : "N";
                o.addInterpretation().addCoding().setSystem(VisitCodes.INTERPRETATION).setCode(flag);
            } else {
                o.setValue(new StringType(value));
            }
            writes.add(o);
            report.addResult(new Reference(o.getIdElement().getValue()));
        }
        if (!conclusion.isEmpty()) {
            report.setConclusion(conclusion);
        }
        writes.add(report);
        order.setStatus(ServiceRequest.ServiceRequestStatus.COMPLETED);
        writes.add(order);
        try {
            store.transaction(writes, user);
        } catch (WriteRefused refused) {
            response.setStatus(422);
            model.addAttribute("order", order(serviceRequestId, user));
            model.addAttribute("resultForm", form);
            model.addAttribute("resultErrors", Map.of("value", VisitScreen.text(refused)));
            return "outpatient/result-entry";
        }
        return "redirect:/can-lam-sang";
    }

    private ServiceRequest order(String id, CurrentUser user) {
        if (id == null || !id.matches("[A-Za-z0-9\\-.]{1,64}")) {
            throw new VisitNotFound(id);
        }
        return store.read(ServiceRequest.class, id, user).orElseThrow(() -> new VisitNotFound(id));
    }

    private static BigDecimal decimal(String s) {
        try {
            return s == null || s.isBlank() ? null : new BigDecimal(s.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

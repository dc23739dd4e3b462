package org.vnemr.emr.inpatient;

import org.hl7.fhir.r4.model.Account;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.CodeType;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.store.WriteRefused;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.emr.web.Requires;
import org.vnemr.platform.access.Permission;

import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Nhập viện {@code /noi-tru/nhap-vien}: the admission requests sent to the user's departments by the outpatient
 * rooms, and the admission form (also for a direct admission). One transaction writes the stay, its first
 * department stay, the occupied bed, the admission diagnosis and closes the request.
 */
@Controller
public class AdmissionController {

    /** A pending request from an outpatient room. */
    public record RequestRow(String id, String patient, String mrn, String department, String reason,
                             String requested) {
    }

    /** A patient found by the search box. */
    public record PatientRow(String id, String name, String mrn, String birth) {
    }

    /** Free beds of one department, for the grouped bed list. */
    public record BedGroup(String department, String departmentName, List<Location> beds) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter MA_LK_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss");

    private final ClinicalStore store;
    private final Stays stays;
    private final RecordTemplates templates;
    private final Diagnoses diagnoses;

    public AdmissionController(ClinicalStore store, Stays stays, RecordTemplates templates, Diagnoses diagnoses) {
        this.store = store;
        this.stays = stays;
        this.templates = templates;
        this.diagnoses = diagnoses;
    }

    @GetMapping("/noi-tru/nhap-vien")
    @Requires(Permission.VIEW)
    public String page(CurrentUser user, @RequestParam(name = "q", required = false) String query,
                       @RequestParam(name = "yeuCau", required = false) String requestId, Model model) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("admittedAt", LocalDateTime.now(Fhir.ZONE).withSecond(0).withNano(0).toString());
        if (requestId != null && !requestId.isBlank()) {
            store.read(ServiceRequest.class, requestId, user).ifPresent(r -> {
                form.put("requestId", r.getIdPart());
                form.put("patientId", r.getSubject().getReferenceElement().getIdPart());
                form.put("department", r.getPerformerFirstRep().getReferenceElement().getIdPart());
                form.put("reason", r.getReasonCodeFirstRep().getText());
            });
        }
        fill(model, user, form, new FormErrors(), query);
        return "inpatient/admission";
    }

    @PostMapping("/noi-tru/nhap-vien")
    @Requires(Permission.CREATE)
    public String admit(CurrentUser user, @RequestParam Map<String, String> params, Model model,
                        HttpServletResponse response) {
        Map<String, String> form = new LinkedHashMap<>(params);
        form.remove("_csrf");
        FormErrors errors = new FormErrors();
        Patient patient = read(Patient.class, form.get("patientId"), user).orElse(null);
        if (patient == null) {
            errors.add("patientId", "VNEMR-6301");
        }
        ServiceRequest request = null;
        if (!blank(form.get("requestId"))) {
            request = read(ServiceRequest.class, form.get("requestId"), user)
                    .filter(r -> r.getStatus() == ServiceRequest.ServiceRequestStatus.ACTIVE)
                    .filter(r -> patient != null && r.getSubject().getReferenceElement().getIdPart()
                            .equals(patient.getIdPart())).orElse(null);
            if (request == null) {
                errors.add("requestId", "VNEMR-6307");
            }
        }
        Organization department = stays.department(form.get("department")).orElse(null);
        if (department == null) {
            errors.add("department", "VNEMR-6302");
        }
        Location bed = stays.bed(form.get("bed")).orElse(null);
        if (bed == null || !Stays.free(bed) || department == null
                || !bed.getManagingOrganization().getReferenceElement().getIdPart().equals(department.getIdPart())) {
            errors.add("bed", "VNEMR-6303");
        }
        if (blank(form.get("reason"))) {
            errors.add("reason", "VNEMR-6304");
        }
        LocalDateTime admitted = Times.parse(form.get("admittedAt"), "admittedAt", errors);
        if (admitted != null && admitted.isAfter(LocalDateTime.now(Fhir.ZONE).plusMinutes(5))) {
            errors.add("admittedAt", "VNEMR-6332");
        }
        if (patient != null) {
            diagnoses.check(form.get("icd"), "icd", patient, admitted == null ? null : admitted.toLocalDate(), errors);
        }
        RecordTemplate template = blank(form.get("recordType")) && department != null
                ? templates.forDepartmentKind(department.getTypeFirstRep().getText())
                : templates.byCode(form.get("recordType")).orElse(null);
        if (template == null) {
            errors.add("recordType", "VNEMR-6306");
        }
        String facilityCode = store.readReference(Organization.class, "facility")
                .map(o -> Fhir.identifier(o.getIdentifier(), Fhir.MA_CSKCB)).orElse(null);
        if (facilityCode == null) {
            errors.add(FormErrors.FORM, "VNEMR-6330");
        }
        if (errors.any()) {
            return refuse(model, user, form, errors, response);
        }
        Encounter outpatient = request == null ? null
                : read(Encounter.class, request.getEncounter().getReferenceElement().getIdPart(), user).orElse(null);
        List<Resource> writes = new ArrayList<>();
        Date start = Fhir.date(admitted);
        Reference subject = new Reference("Patient/" + patient.getIdPart());
        Encounter stay = new Encounter();
        stay.setId("urn:uuid:" + UUID.randomUUID());
        String maLk = outpatient == null ? null : Fhir.identifier(outpatient.getIdentifier(), Fhir.MA_LK);
        if (maLk == null) {
            maLk = facilityCode + MA_LK_TIME.format(admitted) + String.format("%04d", RANDOM.nextInt(10000));
        }
        stay.addIdentifier().setSystem(Fhir.MA_LK).setValue(maLk);
        stay.setStatus(Encounter.EncounterStatus.INPROGRESS);
        stay.setClass_(new Coding(Fhir.ACT_CODE, "IMP", "inpatient encounter"));
        stay.addType(Fhir.concept(Fhir.ENCOUNTER_TYPE, "03", "Điều trị nội trú"));
        stay.setSubject(subject);
        stay.setPeriod(new Period().setStart(start));
        stay.getHospitalization().setAdmitSource(Fhir.concept("http://terminology.hl7.org/CodeSystem/admit-source",
                outpatient == null ? "other" : "outp", outpatient == null ? "Other" : "From outpatient department"));
        if (outpatient != null) {
            stay.setPartOf(new Reference("Encounter/" + outpatient.getIdPart()));
            outpatient.getExtension().stream().filter(e -> e.getUrl().contains("vn-ext-insurance-visit-type"))
                    .forEach(e -> stay.addExtension(e.copy()));
        }
        stay.addLocation().setLocation(new Reference("Location/" + bed.getIdPart()).setDisplay(bed.getName()))
                .setStatus(Encounter.EncounterLocationStatus.ACTIVE).setPeriod(new Period().setStart(start));
        stay.setServiceProvider(new Reference("Organization/" + department.getIdPart())
                .setDisplay(department.getName()));
        user.practitionerReference().ifPresent(p -> stay.addParticipant()
                .addType(Fhir.concept(Fhir.PARTICIPANT_TYPE, "ATND", "attender")).setIndividual(new Reference(p)));
        stay.addReasonCode().setText(form.get("reason").trim());
        stay.addExtension(Fhir.RECORD_TYPE_EXT, new CodeType(template.code()));
        if (outpatient != null && outpatient.hasAccount()) {
            stay.addAccount(outpatient.getAccountFirstRep().copy());
        } else {
            Account account = new Account();
            account.setId("urn:uuid:" + UUID.randomUUID());
            account.setStatus(Account.AccountStatus.ACTIVE);
            account.addIdentifier().setSystem(Fhir.MA_LK).setValue(maLk);
            account.addSubject(subject.copy());
            account.setName("Nội trú " + maLk);
            store.search(Coverage.class, Map.of("beneficiary", List.of("Patient/" + patient.getIdPart()),
                    "status", List.of("active")), user).stream().findFirst()
                    .ifPresent(c -> account.addCoverage().setCoverage(new Reference("Coverage/" + c.getIdPart())));
            writes.add(account);
            stay.addAccount(new Reference(account.getIdElement().getValue()));
        }
        Condition diagnosis = Diagnoses.condition(form.get("icd"), form.get("diagnosisText"), subject,
                stay.getIdElement().getValue(), start);
        Diagnoses.link(stay, diagnosis, "AD", 1);
        writes.add(stay);
        writes.add(Transfers.departmentStay(stay, department, bed, start));
        bed.setOperationalStatus(new Coding(Fhir.BED_STATUS, "O", "Occupied"));
        writes.add(bed);
        writes.add(diagnosis);
        if (request != null) {
            request.setStatus(ServiceRequest.ServiceRequestStatus.COMPLETED);
            writes.add(request);
        }
        try {
            store.transaction(writes, user);
        } catch (WriteRefused refused) {
            errors.refused(refused, Map.of("Condition", "icd", "Location", "bed", "Encounter.reasonCode", "reason"));
            return refuse(model, user, form, errors, response);
        }
        return "redirect:/noi-tru/" + stay.getIdPart() + "/benh-an";
    }

    private String refuse(Model model, CurrentUser user, Map<String, String> form, FormErrors errors,
                          HttpServletResponse response) {
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        fill(model, user, form, errors, null);
        return "inpatient/admission";
    }

    private void fill(Model model, CurrentUser user, Map<String, String> form, FormErrors errors, String query) {
        List<Organization> departments = stays.departments(user);
        List<RequestRow> requests = new ArrayList<>();
        for (Organization d : departments) {
            for (ServiceRequest r : store.search(ServiceRequest.class, Map.of(
                    "category", List.of(Fhir.SNOMED + "|" + Fhir.ADMISSION_ORDER), "status", List.of("active"),
                    "performer", List.of("Organization/" + d.getIdPart())), user)) {
                Stay shown = new Stay(new Encounter(), read(Patient.class,
                        r.getSubject().getReferenceElement().getIdPart(), user).orElse(new Patient()), d, null);
                requests.add(new RequestRow(r.getIdPart(), shown.patientName(), shown.mrn(), d.getName(),
                        r.getReasonCodeFirstRep().getText(), Fhir.show(r.getAuthoredOn())));
            }
        }
        List<PatientRow> found = new ArrayList<>();
        if (query != null && !query.isBlank()) {
            String q = query.trim();
            Map<String, List<String>> params = q.matches("(?i)BN\\d{8}")
                    ? Map.of("identifier", List.of(Fhir.MA_BN + "|" + q.toUpperCase()))
                    : Map.of("name", List.of(q), "_count", List.of("20"));
            for (Patient p : store.search(Patient.class, params, user)) {
                Stay shown = new Stay(new Encounter(), p, new Organization(), null);
                found.add(new PatientRow(p.getIdPart(), shown.patientName(), shown.mrn(), shown.birth()));
            }
        }
        String patientId = form.get("patientId");
        if (!blank(patientId)) {
            read(Patient.class, patientId, user).ifPresent(p -> {
                Stay shown = new Stay(new Encounter(), p, new Organization(), null);
                model.addAttribute("chosen", new PatientRow(p.getIdPart(), shown.patientName(), shown.mrn(),
                        shown.birth()));
            });
        }
        List<BedGroup> beds = departments.stream()
                .map(d -> new BedGroup(d.getIdPart(), d.getName(), stays.freeBeds(d.getIdPart()))).toList();
        model.addAttribute("requests", requests);
        model.addAttribute("found", found);
        model.addAttribute("query", query);
        model.addAttribute("departments", departments);
        model.addAttribute("bedGroups", beds);
        model.addAttribute("templates", templates.all());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors.map());
    }

    private <T extends Resource> Optional<T> read(Class<T> type, String id, CurrentUser user) {
        return blank(id) || !id.matches("[A-Za-z0-9\\-.]{1,64}") ? Optional.empty() : store.read(type, id, user);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

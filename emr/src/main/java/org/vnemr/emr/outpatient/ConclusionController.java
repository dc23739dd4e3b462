package org.vnemr.emr.outpatient;

import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vnemr.emr.inpatient.DepartmentKinds;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.store.WriteRefused;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.emr.web.Requires;
import org.vnemr.platform.access.Permission;
import org.vnemr.vncore.identity.FacilityCode;
import org.vnemr.vncore.identity.ParseResult;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Kết luận: treatment outcome (KET_QUA_DTRI), advice, and how the visit ends — finished, with a re-visit
 * appointment (giấy hẹn khám lại), referred out (giấy chuyển tuyến, MA_LOAI_RV 2) or admitted (an admission order
 * the inpatient desk picks up). Every ending needs a main diagnosis; the visit, its examination record and the
 * papers are written in one transaction.
 */
@Controller
class ConclusionController {

    /** KET_QUA_DTRI codes a visit can end with (vn-treatment-outcome-cs). */
    public record Outcome(String code, String display) {
    }

    static final List<Outcome> OUTCOMES = List.of(new Outcome("1", "Khỏi"), new Outcome("2", "Đỡ"),
            new Outcome("3", "Không thay đổi"), new Outcome("4", "Nặng hơn"),
            new Outcome("5", "Tử vong tại cơ sở KBCB"));

    /** An inpatient department for the admission order. */
    public record Department(String id, String name) {
    }

    private static final DateTimeFormatter TYPED_DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final ClinicalStore store;
    private final Visits visits;
    private final VisitScreen screen;
    private final ExaminationController examination;

    ConclusionController(ClinicalStore store, Visits visits, VisitScreen screen, ExaminationController examination) {
        this.store = store;
        this.visits = visits;
        this.screen = screen;
        this.examination = examination;
    }

    @PostMapping("/kham-benh/{encounterId}/ket-luan")
    @Requires(value = Permission.EDIT, patient = "encounterId")
    String save(@PathVariable String encounterId, @RequestParam Map<String, String> form, CurrentUser user,
                Model model, HttpServletResponse response) {
        Encounter e = visits.open(encounterId, user);
        model.addAttribute("departments", departments());
        model.addAttribute("outcomes", OUTCOMES);
        Map<String, String> errors = new LinkedHashMap<>();
        Outcome outcome = OUTCOMES.stream().filter(o -> o.code().equals(form.get("outcome"))).findFirst()
                .orElse(null);
        if (outcome == null) {
            errors.put("outcome", VisitErrors.text("VNEMR-6215"));
        }
        if (e.getDiagnosis().stream().noneMatch(d -> d.getRank() == 1)) {
            errors.put("mainDiagnosis", VisitErrors.text("VNEMR-6219"));
        }
        String advice = form.getOrDefault("advice", "").strip();
        if (advice.length() > ExaminationController.MAX_LENGTH) {
            errors.put("advice", VisitErrors.text("VNEMR-6208", ExaminationController.MAX_LENGTH));
        }
        String disposition = form.getOrDefault("disposition", "finish");
        LocalDate revisit = null;
        String facility = null;
        Department department = null;
        switch (disposition) {
            case "finish" -> {
            }
            case "revisit" -> {
                revisit = day(form.getOrDefault("revisitDate", ""));
                if (revisit == null || !revisit.isAfter(LocalDate.now(Visits.VIETNAM))) {
                    errors.put("revisitDate", VisitErrors.text("VNEMR-6216"));
                }
            }
            case "referral" -> {
                ParseResult<FacilityCode> code = FacilityCode.parse(form.getOrDefault("facilityCode", ""));
                if (code.isValid()) {
                    facility = code.value().value();
                } else {
                    errors.put("facilityCode", code.errors().get(0).code() + ": " + code.errors().get(0).messageVi());
                }
                required(form, "facilityName", "tên cơ sở nhận", errors);
                required(form, "referralReason", "lý do chuyển tuyến", errors);
                required(form, "clinicalSummary", "tóm tắt dấu hiệu lâm sàng", errors);
            }
            case "admission" -> {
                department = departments().stream().filter(d -> d.id().equals(form.get("departmentId")))
                        .findFirst().orElse(null);
                if (department == null) {
                    errors.put("departmentId", VisitErrors.text("VNEMR-6217"));
                }
            }
            default -> errors.put("disposition", VisitErrors.text("VNEMR-6218"));
        }
        if (!errors.isEmpty()) {
            return screen.refused("conclusion", e, user, model, "end", form, errors, response);
        }
        List<Resource> writes = new ArrayList<>();
        Composition paper = null;
        Date now = new Date();
        switch (disposition) {
            case "revisit" -> paper = appointment(e, revisit, advice, user, writes);
            case "referral" -> paper = referral(e, facility, form, user, writes);
            case "admission" -> admission(e, department, advice, user, writes);
            default -> {
            }
        }
        Composition record = examination.record(e, user);
        record.getSection().removeIf(s -> "ket-luan".equals(s.getCode().getCodingFirstRep().getCode()));
        record.addSection(ExaminationController.section("ket-luan", "Kết quả điều trị: " + outcome.display()
                + (advice.isEmpty() ? "" : "\nLời dặn: " + advice) + "\nHướng xử trí: " + dispositionText(disposition,
                revisit, form, department)));
        record.setStatus(Composition.CompositionStatus.FINAL);
        record.setDate(now);
        writes.add(record);
        e.setStatus(Encounter.EncounterStatus.FINISHED);
        e.getPeriod().setEnd(now);
        e.getExtension().removeIf(x -> VisitCodes.EXT_TREATMENT_OUTCOME.equals(x.getUrl()));
        e.addExtension(VisitCodes.EXT_TREATMENT_OUTCOME, new Coding(VisitCodes.CS_TREATMENT_OUTCOME, outcome.code(),
                outcome.display()));
        if (!"admission".equals(disposition)) {
            boolean referred = "referral".equals(disposition);
            e.getHospitalization().getDischargeDisposition().getCoding().clear();
            e.getHospitalization().getDischargeDisposition().addCoding(new Coding(
                    VisitCodes.CS_DISCHARGE_DISPOSITION, referred ? "2" : "1", referred
                    ? "Chuyển tuyến/Chuyển cơ sở KBCB theo yêu cầu chuyên môn" : "Ra viện"));
        }
        writes.add(e);
        try {
            store.transaction(writes, user);
        } catch (WriteRefused refused) {
            errors.put("disposition", VisitScreen.text(refused));
            return screen.refused("conclusion", visits.encounter(encounterId, user), user, model, "end", form,
                    errors, response);
        }
        model.addAttribute("endSaved", true);
        if (paper != null && "referral".equals(disposition)) {
            model.addAttribute("referralId", paper.getIdElement().getIdPart());
        }
        return screen.section("conclusion", visits.encounter(encounterId, user), user, model);
    }

    /** Departments that admit patients (clinical departments of the facility). */
    List<Department> departments() {
        List<Department> all = new ArrayList<>();
        List<Department> wards = new ArrayList<>();
        for (Organization o : store.searchReference(Organization.class, Map.of("_count", List.of("300")))) {
            if (!o.hasPartOf()) {
                continue;
            }
            Department d = new Department(o.getIdElement().getIdPart(), o.getName());
            all.add(d);
            if (o.getType().stream().anyMatch(t -> DepartmentKinds.admits(t.getText()))) {
                wards.add(d);
            }
        }
        return wards.isEmpty() ? all : wards;
    }

    private Composition appointment(Encounter e, LocalDate day, String advice, CurrentUser user,
                                    List<Resource> writes) {
        Appointment a = new Appointment();
        a.setId("urn:uuid:" + UUID.randomUUID());
        a.setStatus(Appointment.AppointmentStatus.BOOKED);
        a.getAppointmentType().setText("tai-kham");
        a.setStart(Date.from(day.atTime(LocalTime.of(7, 30)).atZone(Visits.VIETNAM).toInstant()));
        a.setEnd(Date.from(day.atTime(LocalTime.of(11, 30)).atZone(Visits.VIETNAM).toInstant()));
        a.setCreated(new Date());
        a.setDescription(advice.isEmpty() ? "Khám lại" : advice);
        a.addExtension(VisitCodes.EXT_SOURCE_ENCOUNTER, new Reference(Visits.reference(e)));
        a.addParticipant().setActor(e.getSubject().copy())
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        user.practitionerReference().ifPresent(p -> a.addParticipant().setActor(new Reference(p)
                .setDisplay(user.displayName())).setStatus(Appointment.ParticipationStatus.ACCEPTED));
        writes.add(a);
        Composition slip = paper(e, VisitCodes.GIAY_HEN, "Giấy hẹn khám lại", user);
        Composition.SectionComponent s = ExaminationController.section("hen-kham-lai", "Hẹn khám lại vào ngày "
                + TYPED_DAY.format(day) + (advice.isEmpty() ? "" : ".\nLời dặn: " + advice));
        s.setTitle("Hẹn khám lại");
        s.addEntry(new Reference(a.getIdElement().getValue()));
        slip.addSection(s);
        writes.add(slip);
        return slip;
    }

    private Composition referral(Encounter e, String facility, Map<String, String> form, CurrentUser user,
                                 List<Resource> writes) {
        Composition paper = paper(e, VisitCodes.GIAY_CHUYEN_TUYEN, "Giấy chuyển tuyến", user);
        paper.setId("urn:uuid:" + UUID.randomUUID());
        paper.addSection(titled("dau-hieu-lam-sang", "Dấu hiệu lâm sàng", form.get("clinicalSummary")));
        addIfGiven(paper, "thuoc-da-dung", "Phương pháp, thủ thuật, kỹ thuật, thuốc đã sử dụng trong điều trị",
                form.get("treatmentGiven"));
        paper.addSection(titled("ly-do-chuyen-tuyen", "Lý do chuyển tuyến", form.get("referralReason")));
        addIfGiven(paper, "phuong-tien-van-chuyen", "Phương tiện vận chuyển", form.get("transport"));
        Reference receiver = new Reference().setIdentifier(new Identifier().setSystem(VisitCodes.SID_MA_CSKCB)
                .setValue(facility)).setDisplay(form.get("facilityName").strip());
        ServiceRequest r = new ServiceRequest();
        r.setId("urn:uuid:" + UUID.randomUUID());
        r.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
        r.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        r.addCategory().addCoding().setSystem(VisitCodes.SNOMED).setCode(VisitCodes.REFERRAL)
                .setDisplay("Patient referral");
        r.getCode().setText("Chuyển tuyến");
        r.setSubject(e.getSubject().copy());
        r.setEncounter(new Reference(Visits.reference(e)));
        r.setAuthoredOn(new Date());
        user.practitionerReference().ifPresent(p -> r.setRequester(new Reference(p)));
        r.addPerformer(receiver.copy());
        r.addReasonCode().setText(form.get("referralReason").strip());
        r.addSupportingInfo(new Reference(paper.getIdElement().getValue()));
        Task task = new Task();
        task.setStatus(Task.TaskStatus.REQUESTED);
        task.setIntent(Task.TaskIntent.ORDER);
        task.getCode().setText("chuyen-tuyen");
        task.setFocus(new Reference(r.getIdElement().getValue()));
        task.setFor(e.getSubject().copy());
        task.setEncounter(new Reference(Visits.reference(e)));
        task.setAuthoredOn(new Date());
        user.practitionerReference().ifPresent(p -> task.setRequester(new Reference(p)));
        task.setOwner(receiver.copy());
        writes.add(paper);
        writes.add(r);
        writes.add(task);
        return paper;
    }

    private void admission(Encounter e, Department department, String advice, CurrentUser user,
                           List<Resource> writes) {
        ServiceRequest r = new ServiceRequest();
        r.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
        r.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        r.addCategory().addCoding().setSystem(VisitCodes.SNOMED).setCode(VisitCodes.ADMISSION)
                .setDisplay("Hospital admission");
        r.getCode().setText("Nhập viện");
        r.setSubject(e.getSubject().copy());
        r.setEncounter(new Reference(Visits.reference(e)));
        r.setAuthoredOn(new Date());
        user.practitionerReference().ifPresent(p -> r.setRequester(new Reference(p)));
        r.addPerformer(new Reference("Organization/" + department.id()).setDisplay(department.name()));
        if (!advice.isEmpty()) {
            r.addNote().setText(advice);
        }
        writes.add(r);
    }

    private static Composition paper(Encounter e, String type, String title, CurrentUser user) {
        Composition c = new Composition();
        c.setStatus(Composition.CompositionStatus.FINAL);
        c.getType().addCoding().setSystem(VisitCodes.CS_DOCUMENT_TYPE).setCode(type).setDisplay(title);
        c.setSubject(e.getSubject().copy());
        c.setEncounter(new Reference(Visits.reference(e)));
        c.setDate(new Date());
        c.addAuthor(ExaminationController.author(user));
        c.setTitle(title);
        return c;
    }

    private static Composition.SectionComponent titled(String code, String title, String text) {
        Composition.SectionComponent s = ExaminationController.section(code, text);
        s.setTitle(title);
        return s;
    }

    private static void addIfGiven(Composition c, String code, String title, String text) {
        if (text != null && !text.isBlank()) {
            c.addSection(titled(code, title, text));
        }
    }

    private static void required(Map<String, String> form, String field, String name, Map<String, String> errors) {
        String v = form.getOrDefault(field, "");
        if (v.isBlank()) {
            errors.put(field, VisitErrors.text("VNEMR-6207", name));
        } else if (v.length() > ExaminationController.MAX_LENGTH) {
            errors.put(field, VisitErrors.text("VNEMR-6208", ExaminationController.MAX_LENGTH));
        }
    }

    /** yyyy-MM-dd (date input) or dd/MM/yyyy (typed); null when neither. */
    static LocalDate day(String typed) {
        String s = typed.strip();
        try {
            return s.contains("/") ? LocalDate.parse(s, TYPED_DAY) : LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String dispositionText(String disposition, LocalDate revisit, Map<String, String> form,
                                          Department department) {
        return switch (disposition) {
            case "revisit" -> "Hẹn khám lại ngày " + TYPED_DAY.format(revisit);
            case "referral" -> "Chuyển tuyến đến " + form.get("facilityName").strip() + " ("
                    + form.get("facilityCode").strip() + ")";
            case "admission" -> "Nhập viện, khoa " + department.name();
            default -> "Kết thúc khám";
        };
    }
}

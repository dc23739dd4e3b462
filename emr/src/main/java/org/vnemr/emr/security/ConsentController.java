package org.vnemr.emr.security;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.core.env.Environment;
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
import org.vnemr.fhir.error.Messages;
import org.vnemr.platform.access.Permission;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Đồng ý xử lý dữ liệu cá nhân (Luật 91/2025): per purpose — treatment, insurance payment, public health, research
 * ({@code vn-consent-purpose-cs}) — the patient's current answer as a FHIR {@code Consent} (shape in
 * docs/architecture/clinical-data.md). Recording a new answer retires the previous one ({@code inactive}) and
 * creates the new one in one transaction, so the history of answers stays.
 */
@Controller
public class ConsentController {

    public static final String PURPOSE_SYSTEM = "http://fhir.hl7.org.vn/core/CodeSystem/vn-consent-purpose-cs";
    static final Map<String, String> PURPOSES = Map.of("TREAT", "Khám chữa bệnh", "HPAYMT", "Thanh toán BHYT",
            "PUBHLTH", "Y tế công cộng", "ERESRCH", "Nghiên cứu y học");
    static final List<String> ORDER = List.of("TREAT", "HPAYMT", "PUBHLTH", "ERESRCH");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private final ClinicalStore store;
    private final ZoneId zone;

    public ConsentController(ClinicalStore store, Environment env) {
        this.store = store;
        this.zone = ZoneId.of(env.getProperty("vnemr.time-zone", "Asia/Ho_Chi_Minh"));
    }

    /** One purpose's line on the screen. */
    public record Line(String code, String purpose, String answer, String since) {
    }

    @GetMapping("/benh-nhan/{patientId}/dong-y")
    @Requires(value = Permission.VIEW, patient = "patientId")
    public String show(CurrentUser user, Model model, @PathVariable String patientId) {
        return page(model, user, patientId, null);
    }

    @PostMapping("/benh-nhan/{patientId}/dong-y")
    @Requires(value = Permission.EDIT, patient = "patientId")
    public String record(CurrentUser user, Model model, @PathVariable String patientId,
                         @RequestParam(defaultValue = "") String purpose,
                         @RequestParam(defaultValue = "") String answer) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!PURPOSES.containsKey(purpose)) {
            errors.put("purpose", Messages.vi("VNEMR-5241"));
        }
        if (!answer.equals("permit") && !answer.equals("deny")) {
            errors.put("answer", Messages.vi("VNEMR-5242"));
        }
        if (!errors.isEmpty()) {
            model.addAttribute("errors", errors);
            return page(model, user, patientId, null);
        }
        List<Resource> changes = new ArrayList<>();
        current(patientId, user).stream().filter(c -> purposeOf(c).equals(purpose)).forEach(previous -> {
            previous.setStatus(Consent.ConsentState.INACTIVE);
            changes.add(previous);
        });
        Consent consent = new Consent();
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope",
                "patient-privacy", "Privacy Consent")));
        consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", "Patient Consent")));
        consent.setPatient(new Reference("Patient/" + patientId));
        consent.setDateTimeElement(new DateTimeType(new Date()));
        consent.addPerformer(new Reference("Patient/" + patientId)); // the patient gives (or refuses) consent
        consent.setPolicyRule(new CodeableConcept().setText("Luật 91/2025/QH15 Bảo vệ dữ liệu cá nhân"));
        Consent.ProvisionComponent provision = consent.getProvision();
        provision.setType(answer.equals("permit") ? Consent.ConsentProvisionType.PERMIT
                : Consent.ConsentProvisionType.DENY);
        provision.addPurpose(new Coding(PURPOSE_SYSTEM, purpose, PURPOSES.get(purpose)));
        changes.add(consent);
        try {
            store.transaction(changes, user);
        } catch (WriteRefused refused) {
            model.addAttribute("errors", Map.of("purpose", Messages.vi("VNEMR-5243")));
            return page(model, user, patientId, null);
        }
        return "redirect:/benh-nhan/" + patientId + "/dong-y";
    }

    private String page(Model model, CurrentUser user, String patientId, String notice) {
        List<Consent> consents = current(patientId, user);
        List<Line> lines = new ArrayList<>();
        for (String code : ORDER) {
            Optional<Consent> found = consents.stream().filter(c -> purposeOf(c).equals(code)).findFirst();
            lines.add(new Line(code, PURPOSES.get(code),
                    found.map(c -> c.getProvision().getType() == Consent.ConsentProvisionType.PERMIT ? "permit" : "deny")
                            .orElse(""),
                    found.filter(Consent::hasDateTime)
                            .map(c -> WHEN.format(c.getDateTime().toInstant().atZone(zone))).orElse("")));
        }
        model.addAttribute("patientId", patientId);
        model.addAttribute("lines", lines);
        model.addAttribute("notice", notice);
        return "security/consent";
    }

    private List<Consent> current(String patientId, CurrentUser user) {
        if (!patientId.matches("[A-Za-z0-9\\-.]{1,64}")) {
            return List.of();
        }
        return store.search(Consent.class, Map.of("patient", List.of("Patient/" + patientId),
                "status", List.of("active"), "_count", List.of("50")), user);
    }

    static String purposeOf(Consent consent) {
        return consent.getProvision().getPurpose().stream().filter(c -> PURPOSE_SYSTEM.equals(c.getSystem()))
                .map(Coding::getCode).findFirst().orElse("");
    }
}

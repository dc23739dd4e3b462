package org.vnemr.emr.registration;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.Account;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vnemr.emr.charges.Coverages;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.store.WriteRefused;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.emr.web.Requires;
import org.vnemr.platform.access.Permission;
import org.vnemr.vncore.VnCoreUrls;
import org.vnemr.vncore.address.AdministrativeUnits;
import org.vnemr.vncore.address.Province;
import org.vnemr.vncore.address.Ward;
import org.vnemr.vncore.identity.ParseResult;
import org.vnemr.vncore.matching.MatchGrade;
import org.vnemr.vncore.matching.PatientMatch;
import org.vnemr.vncore.matching.PatientMatcher;
import org.vnemr.vncore.registration.CccdQrCode;
import org.vnemr.vncore.registration.PatientDraft;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Tiếp đón (keyboard first): one search box, the new-patient form (or a scanned CCCD QR code), the duplicate
 * check, the visit form and the visit slip. See docs/architecture/registration-charges.md.
 */
@Controller
public class RegistrationController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private final ClinicalStore store;
    private final FhirContext fhir;
    private final ClinicRooms rooms;
    private final CodeLists codes;
    private final RegistrationNumbers numbers;
    private final VisitRegistration visits;
    private final ObjectProvider<PatientMatcher> matcher;
    private final AdministrativeUnits units;
    private final Clock clock = Clock.systemUTC();

    public RegistrationController(ClinicalStore store, FhirContext fhir, ClinicRooms rooms, CodeLists codes,
                                  RegistrationNumbers numbers, VisitRegistration visits,
                                  ObjectProvider<PatientMatcher> matcher, ObjectProvider<AdministrativeUnits> units) {
        this.store = store;
        this.fhir = fhir;
        this.rooms = rooms;
        this.codes = codes;
        this.numbers = numbers;
        this.visits = visits;
        this.matcher = matcher;
        this.units = units.getIfAvailable(AdministrativeUnits::bundled);
    }

    // ---- search

    @GetMapping("/tiep-don")
    @Requires(Permission.VIEW)
    public String index(@RequestParam(defaultValue = "") String q, CurrentUser user, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("rows", q.isBlank() ? null : search(q, user));
        return "registration/index";
    }

    @GetMapping("/tiep-don/tim")
    @Requires(Permission.VIEW)
    public String results(@RequestParam(defaultValue = "") String q, CurrentUser user, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("rows", q.strip().length() < 2 ? null : search(q, user));
        return "registration/index :: results";
    }

    private List<PatientRow> search(String q, CurrentUser user) {
        PatientQuery query = PatientQuery.of(q);
        LocalDate today = today();
        return store.search(Patient.class, query.params(), user).stream().map(p -> PatientRow.of(p, today)).toList();
    }

    // ---- new patient

    @GetMapping("/tiep-don/moi")
    @Requires(Permission.VIEW)
    public String newPatient(Model model) {
        return patientForm(model, PatientForm.of(Map.of()), new LinkedHashMap<>());
    }

    @GetMapping("/tiep-don/phuong")
    @Requires(Permission.VIEW)
    public String wards(@RequestParam(defaultValue = "") String province, Model model) {
        model.addAttribute("wards", units.wardsOf(province).stream()
                .sorted(Comparator.comparing(Ward::name)).toList());
        model.addAttribute("form", Map.of("ward", ""));
        return "registration/patient-form :: wardOptions";
    }

    /** The scanner types the QR string and Enter: the form comes back pre-filled, nothing is stored. */
    @PostMapping("/tiep-don/quet-qr")
    @Requires(Permission.CREATE)
    public String scan(@RequestParam(defaultValue = "") String qr, Model model, HttpServletResponse response) {
        ParseResult<CccdQrCode> parsed = CccdQrCode.parse(qr);
        Map<String, String> errors = new LinkedHashMap<>();
        if (!parsed.isValid()) {
            errors.put("qr", UiErrors.text("VNEMR-6111", parsed.errors().get(0).messageVi()));
            model.addAttribute("qr", qr);
            response.setStatus(422);
            return patientForm(model, PatientForm.of(Map.of()), errors);
        }
        ObjectNode draft = PatientDraft.fromQr(parsed.value(), units);
        model.addAttribute("scanned", true);
        model.addAttribute("warnings", parsed.warnings().stream().map(p -> p.messageVi()).toList());
        return patientForm(model, PatientForm.fromDraft(draft), errors);
    }

    @PostMapping("/tiep-don/moi")
    @Requires(Permission.CREATE)
    public String createPatient(@RequestParam Map<String, String> posted, CurrentUser user, Model model,
                                HttpServletResponse response) {
        Map<String, String> form = PatientForm.of(posted);
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate today = today();
        ObjectNode patient = PatientForm.check(form, errors, units, today);
        CardFields.Card card = CardFields.read(form, errors);
        if (patient == null || !errors.isEmpty()) {
            response.setStatus(422);
            return patientForm(model, form, errors);
        }
        if (card != null) {
            ArrayNode ids = (ArrayNode) patient.get("identifier");
            ObjectNode id = ids.addObject();
            id.put("system", VnCoreUrls.SID_BHYT);
            id.put("value", card.card().number());
        }
        if (!"true".equals(posted.get("confirmNew"))) {
            List<Duplicate> duplicates = duplicates(patient, today);
            if (!duplicates.isEmpty()) {
                model.addAttribute("duplicates", duplicates);
                model.addAttribute("duplicateMessage", UiErrors.text("VNEMR-6117"));
                return patientForm(model, form, errors);
            }
        }
        ((ArrayNode) patient.get("identifier")).insertObject(0).put("use", "usual")
                .put("system", PatientForm.MRN_SYSTEM).put("value", numbers.nextMrn());
        Patient resource = fhir.newJsonParser().parseResource(Patient.class, patient.toString());
        String urn = "urn:uuid:" + UUID.randomUUID();
        resource.setId(urn);
        List<Resource> resources = new ArrayList<>(List.of(resource));
        if (card != null) {
            resources.add(CardFields.coverage(card, urn));
        }
        try {
            List<String> stored = store.transaction(resources, user);
            return "redirect:/tiep-don/" + stored.get(0).substring("Patient/".length()) + "/luot-kham";
        } catch (WriteRefused refused) {
            for (WriteRefused.Problem p : refused.problems()) {
                errors.putIfAbsent(field(p.expression()), UiErrors.text("VNEMR-6116", p.vietnamese()));
            }
            response.setStatus(422);
            return patientForm(model, form, errors);
        }
    }

    /** One possible duplicate and why the matcher thinks so. */
    public record Duplicate(PatientRow patient, String grade, String gradeCode, String explanation) {
    }

    private List<Duplicate> duplicates(ObjectNode candidate, LocalDate today) {
        PatientMatcher m = matcher.getIfAvailable();
        if (m == null) {
            return List.of();
        }
        List<Duplicate> found = new ArrayList<>();
        for (PatientMatch match : m.match(candidate, false, 5)) {
            MatchGrade grade = match.score().grade();
            if (grade == MatchGrade.CERTAIN || grade == MatchGrade.PROBABLE) {
                Patient p = fhir.newJsonParser().parseResource(Patient.class, match.json());
                p.setId(match.patientId());
                found.add(new Duplicate(PatientRow.of(p, today), grade.vietnamese(), grade.code(),
                        match.score().summary()));
            }
        }
        return found;
    }

    private static String field(String expression) {
        if (expression == null) {
            return "form";
        }
        if (expression.contains("telecom")) {
            return "phone";
        }
        if (expression.contains("identifier")) {
            return "cccd";
        }
        if (expression.contains("address")) {
            return "ward";
        }
        if (expression.contains("birthDate")) {
            return "birthDate";
        }
        if (expression.contains("name")) {
            return "fullName";
        }
        if (expression.startsWith("Coverage")) {
            return "bhytNumber";
        }
        return "form";
    }

    private String patientForm(Model model, Map<String, String> form, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("provinces", units.provinces().stream().sorted(Comparator.comparing(Province::name))
                .toList());
        model.addAttribute("wards", form.get("province").isEmpty() ? List.of()
                : units.wardsOf(form.get("province")).stream().sorted(Comparator.comparing(Ward::name)).toList());
        model.addAttribute("ethnicities", codes.ethnicities());
        return "registration/patient-form";
    }

    // ---- the visit

    @GetMapping("/tiep-don/{patientId}/luot-kham")
    @Requires(value = Permission.VIEW, patient = "patientId")
    public String visitForm(@PathVariable String patientId, CurrentUser user, Model model,
                            HttpServletResponse response) {
        Optional<Patient> patient = store.read(Patient.class, patientId, user);
        if (patient.isEmpty()) {
            response.setStatus(404);
            model.addAttribute("message", UiErrors.text("VNEMR-6114", patientId));
            return "registration/not-found";
        }
        Map<String, String> form = new LinkedHashMap<>();
        for (String f : List.of("visitType", "insuranceCategory", "room", "reason")) {
            form.put(f, "");
        }
        for (String f : CardFields.NAMES) {
            form.put(f, "");
        }
        form.put("visitType", "01");
        latestCard(patientId, user).ifPresent(c -> CardFields.fill(form, c));
        return visitPage(model, patient.get(), form, new LinkedHashMap<>());
    }

    @PostMapping("/tiep-don/{patientId}/luot-kham")
    @Requires(value = Permission.CREATE, patient = "patientId")
    public String registerVisit(@PathVariable String patientId, @RequestParam Map<String, String> posted,
                                CurrentUser user, Model model, HttpServletResponse response) {
        Optional<Patient> patient = store.read(Patient.class, patientId, user);
        if (patient.isEmpty()) {
            response.setStatus(404);
            model.addAttribute("message", UiErrors.text("VNEMR-6114", patientId));
            return "registration/not-found";
        }
        Map<String, String> form = new LinkedHashMap<>();
        for (String f : List.of("visitType", "insuranceCategory", "room", "reason")) {
            form.put(f, posted.getOrDefault(f, "").strip());
        }
        for (String f : CardFields.NAMES) {
            form.put(f, posted.getOrDefault(f, "").strip());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate today = today();
        Optional<Location> room = form.get("room").isEmpty() ? Optional.empty() : rooms.room(form.get("room"));
        if (room.isEmpty()) {
            errors.put("room", UiErrors.text("VNEMR-6112"));
        }
        if (codes.visitTypes(today).stream().noneMatch(o -> o.code().equals(form.get("visitType")))) {
            errors.put("visitType", UiErrors.text("VNEMR-6113"));
        }
        CardFields.Card card = CardFields.read(form, errors);
        if (!errors.isEmpty()) {
            response.setStatus(422);
            return visitPage(model, patient.get(), form, errors);
        }
        if (card != null && !card.validOn(today) && !"true".equals(posted.get("acceptSelfPay"))) {
            model.addAttribute("cardWarning", UiErrors.text("VNEMR-6115", PatientForm.shown(card.card().validFrom())
                    + " – " + PatientForm.shown(card.card().validTo())));
            return visitPage(model, patient.get(), form, errors);
        }
        Coverage typed = card == null ? null : CardFields.coverage(card, "Patient/" + patientId);
        Coverage stored = card == null ? null : latestCard(patientId, user).orElse(null);
        try {
            VisitRegistration.Registered done = visits.register(new VisitRegistration.Request(patientId, room.get(),
                    form.get("visitType"), form.get("insuranceCategory"), form.get("reason"), typed, stored), user);
            return "redirect:/tiep-don/phieu/" + done.encounterId();
        } catch (WriteRefused refused) {
            for (WriteRefused.Problem p : refused.problems()) {
                errors.putIfAbsent(p.expression() != null && p.expression().startsWith("Coverage") ? "bhytNumber"
                        : "form", UiErrors.text("VNEMR-6116", p.vietnamese()));
            }
            response.setStatus(422);
            return visitPage(model, patient.get(), form, errors);
        }
    }

    private Optional<Coverage> latestCard(String patientId, CurrentUser user) {
        return store.search(Coverage.class, Map.of("beneficiary", List.of("Patient/" + patientId),
                        "_count", List.of("50")), user).stream()
                .filter(c -> c.getStatus() == Coverage.CoverageStatus.ACTIVE)
                .max(Comparator.comparing((Coverage c) -> c.getMeta().getLastUpdated(),
                        Comparator.nullsFirst(Comparator.naturalOrder())));
    }

    private String visitPage(Model model, Patient patient, Map<String, String> form, Map<String, String> errors) {
        LocalDate today = today();
        model.addAttribute("patient", PatientRow.of(patient, today));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("rooms", rooms.rooms());
        model.addAttribute("visitTypes", codes.visitTypes(today));
        model.addAttribute("categories", codes.insuranceCategories(today));
        return "registration/visit-form";
    }

    // ---- the slip

    /** What the visit slip prints. */
    public record Slip(String encounterId, PatientRow patient, String maLk, String room, String queue,
                       String queueValue, String visitType, String card, String cardValidity, boolean selfPay,
                       String time, String reason) {
    }

    @GetMapping("/tiep-don/phieu/{encounterId}")
    @Requires(value = Permission.VIEW, patient = "encounterId")
    public String slip(@PathVariable String encounterId, CurrentUser user, Model model,
                       HttpServletResponse response) {
        Optional<Encounter> found = store.read(Encounter.class, encounterId, user);
        Optional<Patient> patient = found.map(e -> e.getSubject().getReference())
                .filter(r -> r != null && r.startsWith("Patient/"))
                .flatMap(r -> store.read(Patient.class, r.substring("Patient/".length()), user));
        if (found.isEmpty() || patient.isEmpty()) {
            response.setStatus(404);
            model.addAttribute("message", UiErrors.text("VNEMR-6118", encounterId));
            return "registration/not-found";
        }
        Encounter visit = found.get();
        String queueValue = identifier(visit, VisitRegistration.QUEUE_SYSTEM);
        String queue = queueValue == null ? "" : queueValue.substring(queueValue.lastIndexOf('-') + 1);
        Optional<Coverage> card = Optional.empty();
        if (visit.hasAccount() && visit.getAccountFirstRep().getReference() != null) {
            card = store.read(Account.class, visit.getAccountFirstRep().getReferenceElement().getIdPart(), user)
                    .filter(Account::hasCoverage)
                    .flatMap(a -> store.read(Coverage.class,
                            a.getCoverageFirstRep().getCoverage().getReferenceElement().getIdPart(), user));
        }
        String cardNumber = card.flatMap(c -> c.getIdentifier().stream()
                .filter(i -> VnCoreUrls.SID_BHYT.equals(i.getSystem())).map(Identifier::getValue).filter(java.util.Objects::nonNull).findFirst())
                .orElse(null);
        String validity = card.map(c -> shownDay(c.getPeriod().getStartElement().getValueAsString()) + " – "
                + shownDay(c.getPeriod().getEndElement().getValueAsString())).orElse(null);
        String room = visit.getLocation().isEmpty() ? "" : visit.getLocationFirstRep().getLocation().getDisplay();
        // a visit made elsewhere (an import, the API) may lack its start time: the slip then shows none
        ZonedDateTime start = visit.getPeriod().getStart() == null ? null
                : visit.getPeriod().getStart().toInstant().atZone(Coverages.VIETNAM);
        model.addAttribute("slip", new Slip(encounterId, PatientRow.of(patient.get(), today()),
                identifier(visit, VnCoreUrls.SID_MA_LK), room, queue, queueValue,
                visit.getTypeFirstRep().getCodingFirstRep().getDisplay(), cardNumber, validity, card.isEmpty(),
                start == null ? "" : TIME.format(start), visit.getReasonCodeFirstRep().getText()));
        return "registration/slip";
    }

    private static String identifier(Encounter e, String system) {
        return e.getIdentifier().stream().filter(i -> system.equals(i.getSystem())).map(Identifier::getValue)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private static String shownDay(String text) {
        return text == null || text.length() < 10 ? "…" : PatientForm.shown(LocalDate.parse(text.substring(0, 10)));
    }

    private LocalDate today() {
        return clock.instant().atZone(Coverages.VIETNAM).toLocalDate();
    }
}

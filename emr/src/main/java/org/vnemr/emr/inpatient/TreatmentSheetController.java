package org.vnemr.emr.inpatient;

import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Timing;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
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
import org.vnemr.terminology.catalogue.CatalogueEntry;
import org.vnemr.terminology.catalogue.CatalogueKind;
import org.vnemr.terminology.catalogue.Catalogues;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Tờ điều trị {@code /noi-tru/{encounterId}/to-dieu-tri}: one sheet per day with the clinical course and the
 * orders of that day — free-text lines, technical services of the SERVICE catalogue (ServiceRequests) and drug
 * lines of the DRUG catalogue (inpatient MedicationRequests) — saved with the sheet's Composition in one
 * transaction; the sheets of the previous days are listed under the form.
 */
@Controller
public class TreatmentSheetController {

    /** Đường dùng offered on a drug line (code of {@code V/CodeSystem/drug-route}, Vietnamese label). */
    public record Route(String code, String label) {
    }

    public static final List<Route> ROUTES = List.of(new Route("uong", "Uống"),
            new Route("tiem-tinh-mach", "Tiêm tĩnh mạch"), new Route("truyen-tinh-mach", "Truyền tĩnh mạch"),
            new Route("tiem-bap", "Tiêm bắp"), new Route("tiem-duoi-da", "Tiêm dưới da"), new Route("dat", "Đặt"),
            new Route("boi", "Bôi"), new Route("nho", "Nhỏ"), new Route("hit", "Hít"));

    /**
     * A saved sheet as listed: the version in force of each day; {@code corrected} marks a sheet changed after it
     * was first written ("đã sửa"), {@code mine} one the user wrote and may correct.
     */
    public record SheetRow(String id, String day, String course, List<String> orders, String doctor, boolean signed,
                           boolean corrected, boolean mine) {
    }

    /** Number of drug lines the form offers at once. */
    static final int DRUG_LINES = 4;

    private final ClinicalStore store;
    private final Stays stays;
    private final TreatmentSheets sheets;
    private final ObjectProvider<Catalogues> catalogues;
    private final ObjectProvider<ChargeCapture> charges;

    TreatmentSheetController(ClinicalStore store, Stays stays, TreatmentSheets sheets,
                             ObjectProvider<Catalogues> catalogues, ObjectProvider<ChargeCapture> charges) {
        this.store = store;
        this.stays = stays;
        this.sheets = sheets;
        this.catalogues = catalogues;
        this.charges = charges;
    }

    @GetMapping("/noi-tru/{encounterId}/to-dieu-tri")
    @Requires(value = Permission.VIEW, patient = "encounterId")
    public String page(@PathVariable String encounterId, CurrentUser user, Model model) {
        Stay stay = StayPages.load(stays, encounterId, user);
        Map<String, String> form = new HashMap<>();
        form.put("ngay", LocalDate.now(Fhir.ZONE).toString());
        fill(model, stay, form, emptyDrugs(), new FormErrors(), user);
        return "inpatient/sheet";
    }

    @PostMapping("/noi-tru/{encounterId}/to-dieu-tri")
    @Requires(value = Permission.CREATE, patient = "encounterId")
    public String save(@PathVariable String encounterId, @RequestParam MultiValueMap<String, String> params,
                       CurrentUser user, Model model, HttpServletResponse response) {
        Stay stay = StayPages.load(stays, encounterId, user);
        Map<String, String> form = new HashMap<>(params.toSingleValueMap());
        List<Map<String, String>> drugs = drugLines(params);
        FormErrors errors = new FormErrors();
        if (!stay.inProgress()) {
            errors.add(FormErrors.FORM, "VNEMR-6335");
        }
        LocalDate day = Times.parseDay(form.get("ngay"), "ngay", errors);
        LocalDate admitted = Fhir.day(stay.encounter().getPeriod().getStart());
        if (day != null && (day.isBefore(admitted) || day.isAfter(LocalDate.now(Fhir.ZONE)))) {
            errors.add("ngay", "VNEMR-6313", Fhir.DAY.format(admitted));
        } else if (day != null && sheets.all(stay, user).stream()
                .anyMatch(c -> day.toString().equals(TreatmentSheets.fields(c).get("ngay")))) {
            errors.add("ngay", "VNEMR-6314", Fhir.DAY.format(day));
        }
        if (AdmissionController.blank(form.get("dienBien"))) {
            errors.add("dienBien", "VNEMR-6315");
        }
        LocalDate priceDay = day == null ? LocalDate.now(Fhir.ZONE) : day;
        List<CatalogueEntry> services = new ArrayList<>();
        for (String code : lines(form.get("dichVu"))) {
            Optional<CatalogueEntry> entry = entry(CatalogueKind.SERVICE, code, priceDay);
            if (entry.isEmpty()) {
                errors.add("dichVu", "VNEMR-6316", code);
            } else {
                services.add(entry.get());
            }
        }
        List<CatalogueEntry> drugEntries = new ArrayList<>();
        for (int i = 0; i < drugs.size(); i++) {
            Map<String, String> d = drugs.get(i);
            if (d.get("ma").isBlank()) {
                drugEntries.add(null);
                continue;
            }
            Optional<CatalogueEntry> entry = entry(CatalogueKind.DRUG, d.get("ma"), priceDay);
            if (entry.isEmpty()) {
                errors.add("thuocMa" + i, "VNEMR-6317", d.get("ma"));
            }
            drugEntries.add(entry.orElse(null));
            if (positive(d.get("lieu")) == null) {
                errors.add("thuocLieu" + i, "VNEMR-6318");
            }
            BigDecimal times = positive(d.get("soLan"));
            if (times == null || times.scale() > 0 || times.intValue() > 24) {
                errors.add("thuocSoLan" + i, "VNEMR-6319");
            }
            if (ROUTES.stream().noneMatch(r -> r.code().equals(d.get("duong")))) {
                errors.add("thuocDuong" + i, "VNEMR-6312", "Đường dùng");
            }
        }
        if (errors.any()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            fill(model, stay, form, drugs, errors, user);
            return "inpatient/sheet";
        }
        Date now = new Date();
        Reference subject = stay.encounter().getSubject();
        String encounter = "Encounter/" + stay.id();
        Reference requester = user.practitionerReference().map(Reference::new).orElse(null);
        List<Resource> writes = new ArrayList<>();
        List<ChargeCapture.Billable> billables = new ArrayList<>();
        Composition sheet = new Composition();
        Documents.header(sheet, Fhir.DOCUMENT_TYPE, "to-dieu-tri", "Tờ điều trị", stay, user, now);
        sheet.addEvent().setPeriod(new Period().setStart(Fhir.date(day.atStartOfDay()))
                .setEnd(Fhir.date(day.atTime(23, 59, 59))));
        Composition.SectionComponent course = Documents.section("dien-bien", "Diễn biến bệnh",
                "<p>" + Fhir.escape(form.get("dienBien").trim()) + "</p>");
        Fhir.putFields(course, Map.of("ngay", day.toString(), "dienBien", form.get("dienBien").trim()));
        StringBuilder orderText = new StringBuilder();
        Composition.SectionComponent orders = Documents.section("y-lenh", "Y lệnh", "");
        String slip = "TDT-" + stay.id() + "-" + day.toString().replace("-", "");
        for (String line : lines(form.get("yLenh"))) {
            orderText.append("<p>").append(Fhir.escape(line)).append("</p>");
        }
        for (CatalogueEntry s : services) {
            ServiceRequest order = new ServiceRequest();
            order.setId("urn:uuid:" + UUID.randomUUID());
            order.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
            order.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
            order.setCode(Fhir.concept(Fhir.CATALOGUE_SERVICE, s.code(), s.display()));
            order.addCategory(serviceCategory(s));
            order.getRequisition().setSystem(Fhir.V + "/sid/phieu-chi-dinh").setValue(slip);
            order.setSubject(subject.copy());
            order.setEncounter(new Reference(encounter));
            order.setAuthoredOn(now);
            order.setRequester(requester);
            writes.add(order);
            orders.addEntry(new Reference(order.getIdElement().getValue()));
            orderText.append("<p>").append(Fhir.escape(s.display())).append(" (").append(Fhir.escape(s.code()))
                    .append(")</p>");
            billables.add(new ChargeCapture.Billable(CatalogueKind.SERVICE, s.code(), BigDecimal.ONE,
                    now.toInstant(), new Reference(order.getIdElement().getValue())));
        }
        for (int i = 0; i < drugs.size(); i++) {
            CatalogueEntry drug = drugEntries.get(i);
            if (drug == null) {
                continue;
            }
            MedicationRequest line = drugLine(drugs.get(i), drug, subject, encounter, requester, now);
            writes.add(line);
            orders.addEntry(new Reference(line.getIdElement().getValue()));
            orderText.append("<p>").append(Fhir.escape(drug.display())).append(": ")
                    .append(Fhir.escape(line.getDosageInstructionFirstRep().getText())).append("</p>");
        }
        orders.getText().setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">"
                + (orderText.isEmpty() ? "<p>—</p>" : orderText) + "</div>");
        Fhir.putFields(orders, Map.of("yLenh", form.getOrDefault("yLenh", "").trim()));
        sheet.addSection(course);
        sheet.addSection(orders);
        writes.add(sheet);
        writes.addAll(CareCharges.forCare(charges, stay.encounter(), billables));
        try {
            store.transaction(writes, user);
        } catch (WriteRefused refused) {
            errors.refused(refused, Map.of("ServiceRequest", "dichVu", "ChargeItem", "dichVu"));
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            fill(model, stay, form, drugs, errors, user);
            return "inpatient/sheet";
        }
        return "redirect:/noi-tru/" + stay.id() + "/to-dieu-tri";
    }

    private static MedicationRequest drugLine(Map<String, String> d, CatalogueEntry drug, Reference subject,
                                              String encounter, Reference requester, Date now) {
        BigDecimal dose = positive(d.get("lieu"));
        int times = positive(d.get("soLan")).intValue();
        String unit = d.get("donVi").isBlank() ? "lần" : d.get("donVi").trim();
        Route route = ROUTES.stream().filter(r -> r.code().equals(d.get("duong"))).findFirst().orElseThrow();
        MedicationRequest line = new MedicationRequest();
        line.setId("urn:uuid:" + UUID.randomUUID());
        line.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        line.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        line.addCategory(Fhir.concept(Fhir.MED_REQUEST_CATEGORY, "inpatient", "Inpatient"));
        line.setMedication(Fhir.concept(Fhir.CATALOGUE_DRUG, drug.code(), drug.display()));
        line.setSubject(subject.copy());
        line.setEncounter(new Reference(encounter));
        line.setAuthoredOn(now);
        line.setRequester(requester);
        Dosage dosage = line.addDosageInstruction();
        dosage.setText(route.label() + " " + dose.toPlainString() + " " + unit + " × " + times + " lần/ngày");
        dosage.setTiming(new Timing().setRepeat(new Timing.TimingRepeatComponent().setFrequency(times)
                .setPeriod(1).setPeriodUnit(Timing.UnitsOfTime.D)));
        dosage.setRoute(Fhir.concept(Fhir.DRUG_ROUTE, route.code(), route.label()));
        dosage.addDoseAndRate().setDose(new Quantity().setValue(dose).setUnit(unit));
        return line;
    }

    /** Lab, imaging or procedure from the catalogue's group (MA_NHOM of XML3: 1 lab, 2 imaging, 3 function tests). */
    private static org.hl7.fhir.r4.model.CodeableConcept serviceCategory(CatalogueEntry s) {
        String group = s.field("MA_NHOM");
        if ("1".equals(group)) {
            return Fhir.concept(Fhir.SNOMED, "108252007", "Laboratory procedure");
        }
        if ("2".equals(group) || "3".equals(group)) {
            return Fhir.concept(Fhir.SNOMED, "363679005", "Imaging");
        }
        return Fhir.concept(Fhir.SNOMED, "387713003", "Surgical procedure");
    }

    private Optional<CatalogueEntry> entry(CatalogueKind kind, String code, LocalDate day) {
        Catalogues available = catalogues.getIfAvailable();
        return available == null ? Optional.empty() : available.entryOn(kind, code.trim(), day);
    }

    static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    }

    private static BigDecimal positive(String s) {
        try {
            BigDecimal n = new BigDecimal(s.trim().replace(',', '.'));
            return n.signum() > 0 ? n.stripTrailingZeros() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static List<Map<String, String>> drugLines(MultiValueMap<String, String> params) {
        List<Map<String, String>> lines = new ArrayList<>();
        for (int i = 0; i < DRUG_LINES; i++) {
            Map<String, String> line = new LinkedHashMap<>();
            for (String k : List.of("ma", "lieu", "donVi", "duong", "soLan")) {
                String key = "thuoc" + Character.toUpperCase(k.charAt(0)) + k.substring(1) + i;
                String v = params.getFirst(key);
                line.put(k, v == null ? "" : v.trim());
            }
            lines.add(line);
        }
        return lines;
    }

    private static List<Map<String, String>> emptyDrugs() {
        List<Map<String, String>> lines = new ArrayList<>();
        for (int i = 0; i < DRUG_LINES; i++) {
            lines.add(Map.of("ma", "", "lieu", "", "donVi", "", "duong", "uong", "soLan", ""));
        }
        return lines;
    }

    private void fill(Model model, Stay stay, Map<String, String> form, List<Map<String, String>> drugs,
                      FormErrors errors, CurrentUser user) {
        List<SheetRow> rows = new ArrayList<>();
        String me = user.practitionerReference().orElse(null);
        for (Composition c : TreatmentSheets.current(sheets.all(stay, user))) {
            Map<String, String> values = TreatmentSheets.fields(c);
            List<String> orders = orderLines(c);
            String day = values.getOrDefault("ngay", "");
            rows.add(new SheetRow(c.getIdPart(), day, values.getOrDefault("dienBien", ""), orders,
                    staffName(c.getAuthorFirstRep()), TreatmentSheets.signed(c), TreatmentSheets.corrected(c),
                    me != null && me.equals(c.getAuthorFirstRep().getReference())));
        }
        rows.sort((a, b) -> b.day().compareTo(a.day()));
        model.addAttribute("sheets", rows.stream().map(r -> new SheetRow(r.id(), show(r.day()), r.course(),
                r.orders(), r.doctor(), r.signed(), r.corrected(), r.mine())).toList());
        model.addAttribute("stay", stay);
        model.addAttribute("form", form);
        model.addAttribute("drugs", drugs);
        model.addAttribute("routes", ROUTES);
        model.addAttribute("errors", errors.map());
        model.addAttribute("tab", "to-dieu-tri");
    }

    /** The orders a saved sheet lists, one line each, as its narrative shows them. */
    static List<String> orderLines(Composition c) {
        List<String> orders = new ArrayList<>();
        TreatmentSheets.section(c, TreatmentSheets.ORDERS).ifPresent(s -> orders.addAll(List.of(s.getText()
                        .getDivAsString().replaceAll("</p>", "\n").replaceAll("<[^>]+>", "").split("\n")).stream()
                .map(String::trim).filter(l -> !l.isEmpty() && !"—".equals(l)).map(Html::unescape).toList()));
        return orders;
    }

    private String staffName(Reference who) {
        return Staff.name(store, who);
    }

    private static String show(String isoDay) {
        try {
            return Fhir.DAY.format(LocalDate.parse(isoDay));
        } catch (RuntimeException e) {
            return isoDay;
        }
    }
}

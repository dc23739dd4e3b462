package org.vnemr.emr.charges;

import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.web.CurrentUser;
import org.vnemr.emr.web.Requires;
import org.vnemr.fhir.error.Messages;
import org.vnemr.platform.access.Permission;
import org.vnemr.terminology.catalogue.CatalogueKind;
import org.vnemr.vncore.VnCoreUrls;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Viện phí: today's visits with their running totals ({@code /vien-phi}) and the running bill of one visit
 * ({@code /vien-phi/{encounterId}}), from the visit's ChargeItems and the split stored on each.
 */
@Controller
public class BillController {

    private static final String SNOMED = "http://snomed.info/sct";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private final ClinicalStore store;
    private final Clock clock = Clock.systemUTC();

    public BillController(ClinicalStore store) {
        this.store = store;
    }

    /** One visit of the day on the cashier's list. */
    public record VisitRow(String encounterId, String patientName, String mrn, String maLk, String time,
                           String total, String bhyt, String dueNow) {
    }

    @GetMapping("/vien-phi")
    @Requires(Permission.VIEW)
    public String today(CurrentUser user, Model model) {
        LocalDate today = clock.instant().atZone(Coverages.VIETNAM).toLocalDate();
        ClinicalStore.Page<Encounter> page = store.searchWithIncludes(Encounter.class, Map.of(
                // the day in Vietnam time: the server clock runs in UTC, seven hours behind
                "date", List.of("ge" + today + "T00:00:00+07:00", "lt" + today.plusDays(1) + "T00:00:00+07:00"),
                "_count", List.of("200"),
                "_sort", List.of("-date"), "_include", List.of("Encounter:subject")), user);
        Map<String, Patient> patients = new HashMap<>();
        for (Resource r : page.included()) {
            if (r instanceof Patient p) {
                patients.put("Patient/" + p.getIdElement().getIdPart(), p);
            }
        }
        Map<String, ChargeSplit> totals = new HashMap<>();
        Map<String, BigDecimal> due = new HashMap<>();
        if (!page.matches().isEmpty()) {
            List<String> ids = page.matches().stream().map(e -> "Encounter/" + e.getIdElement().getIdPart()).toList();
            for (ChargeItem item : store.search(ChargeItem.class, Map.of("context", List.of(String.join(",", ids)),
                    "_count", List.of("1000")), user)) {
                if (item.getStatus() == ChargeItem.ChargeItemStatus.ENTEREDINERROR) {
                    continue;
                }
                String visit = "Encounter/" + item.getContext().getReferenceElement().getIdPart();
                ChargeSplit split = ChargeItems.split(item);
                totals.merge(visit, split, ChargeSplit::plus);
                if (item.getStatus() == ChargeItem.ChargeItemStatus.BILLABLE) {
                    due.merge(visit, split.patientPays(), BigDecimal::add);
                }
            }
        }
        List<VisitRow> rows = new ArrayList<>();
        for (Encounter e : page.matches()) {
            String ref = "Encounter/" + e.getIdElement().getIdPart();
            Patient p = patients.get(e.getSubject().getReference());
            ChargeSplit t = totals.getOrDefault(ref, ChargeSplit.ZERO);
            rows.add(new VisitRow(e.getIdElement().getIdPart(), p == null ? "" : name(p),
                    p == null ? "" : identifier(p.getIdentifier(), "https://vnemr.org/fhir/sid/ma-bn"),
                    identifier(e.getIdentifier(), VnCoreUrls.SID_MA_LK),
                    e.getPeriod().getStart() == null ? "" : TIME.format(e.getPeriod().getStart().toInstant()
                            .atZone(Coverages.VIETNAM)),
                    Bill.money(t.total()), Bill.money(t.bhyt()), Bill.money(due.getOrDefault(ref, BigDecimal.ZERO))));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("day", DateTimeFormatter.ofPattern("dd/MM/yyyy").format(today));
        return "charges/today";
    }

    @GetMapping("/vien-phi/{encounterId}")
    @Requires(value = Permission.VIEW, patient = "encounterId")
    public String bill(@PathVariable String encounterId, CurrentUser user, Model model,
                       HttpServletResponse response) {
        Optional<Encounter> visit = store.read(Encounter.class, encounterId, user);
        if (visit.isEmpty()) {
            response.setStatus(404);
            model.addAttribute("message", Messages.vi("VNEMR-6402", encounterId));
            return "registration/not-found";
        }
        String subject = visit.get().getSubject().getReference();
        Optional<Patient> patient = subject != null && subject.startsWith("Patient/")
                ? store.read(Patient.class, subject.substring("Patient/".length()), user) : Optional.empty();
        List<ChargeItem> items = store.search(ChargeItem.class, Map.of("context",
                List.of("Encounter/" + encounterId), "_count", List.of("1000")), user).stream()
                .filter(i -> i.getStatus() != ChargeItem.ChargeItemStatus.ENTEREDINERROR).toList();
        model.addAttribute("bill", bill(items, categories(items, user)));
        model.addAttribute("patientName", patient.map(BillController::name).orElse(""));
        model.addAttribute("mrn", patient.map(p -> identifier(p.getIdentifier(), "https://vnemr.org/fhir/sid/ma-bn"))
                .orElse(""));
        model.addAttribute("maLk", identifier(visit.get().getIdentifier(), VnCoreUrls.SID_MA_LK));
        model.addAttribute("encounterId", encounterId);
        return "charges/bill";
    }

    /** The SNOMED category code of each ServiceRequest the items bill, read in one search. */
    private Map<String, String> categories(List<ChargeItem> items, CurrentUser user) {
        List<String> ids = items.stream().flatMap(i -> billed(i).stream())
                .map(r -> r.getReference()).filter(r -> r != null && r.startsWith("ServiceRequest/"))
                .map(r -> r.substring("ServiceRequest/".length())).distinct().toList();
        Map<String, String> categories = new HashMap<>();
        if (ids.isEmpty()) {
            return categories;
        }
        for (ServiceRequest sr : store.search(ServiceRequest.class, Map.of("_id", List.of(String.join(",", ids)),
                "_count", List.of("1000")), user)) {
            sr.getCategory().stream().flatMap(c -> c.getCoding().stream())
                    .filter(c -> SNOMED.equals(c.getSystem())).findFirst()
                    .ifPresent(c -> categories.put("ServiceRequest/" + sr.getIdElement().getIdPart(), c.getCode()));
        }
        return categories;
    }

    static Bill bill(List<ChargeItem> items, Map<String, String> categories) {
        Map<Bill.Kind, List<Bill.Line>> lines = new EnumMap<>(Bill.Kind.class);
        ChargeSplit totals = ChargeSplit.ZERO;
        BigDecimal due = BigDecimal.ZERO;
        for (ChargeItem item : items) {
            ChargeSplit split = ChargeItems.split(item);
            boolean billed = item.getStatus() == ChargeItem.ChargeItemStatus.BILLED;
            lines.computeIfAbsent(kind(item, categories), k -> new ArrayList<>()).add(new Bill.Line(
                    item.getCode().getCodingFirstRep().getCode(),
                    item.getCode().hasText() ? item.getCode().getText() : item.getCode().getCodingFirstRep().getDisplay(),
                    item.hasPriceOverride() ? item.getPriceOverride().getValue() : null,
                    item.getQuantity().getValue(), split, billed));
            totals = totals.plus(split);
            if (!billed) {
                due = due.add(split.patientPays());
            }
        }
        List<Bill.Group> groups = new ArrayList<>();
        for (Map.Entry<Bill.Kind, List<Bill.Line>> e : new LinkedHashMap<>(lines).entrySet()) {
            groups.add(new Bill.Group(e.getKey(), e.getValue(), e.getValue().stream().map(Bill.Line::split)
                    .reduce(ChargeSplit.ZERO, ChargeSplit::plus)));
        }
        return new Bill(groups, totals, due);
    }

    /**
     * The group of a line: by its catalogue (drug, supply, bed); for services by the category of the order it bills
     * (lab, imaging, procedure), and the examination billed at registration (service → the Encounter) is "khám".
     */
    static Bill.Kind kind(ChargeItem item, Map<String, String> categories) {
        Optional<CatalogueKind> kind = ChargeItems.kind(item);
        if (kind.isPresent()) {
            switch (kind.get()) {
                case DRUG -> {
                    return Bill.Kind.THUOC;
                }
                case SUPPLY -> {
                    return Bill.Kind.VTYT;
                }
                case BED -> {
                    return Bill.Kind.GIUONG;
                }
                default -> {
                }
            }
        }
        for (var service : billed(item)) {
            String ref = service.getReference();
            if (ref == null) {
                continue;
            }
            if (ref.startsWith("Encounter/")) {
                return Bill.Kind.KHAM;
            }
            String category = categories.get(ref);
            if ("108252007".equals(category)) {
                return Bill.Kind.XET_NGHIEM;
            }
            if ("363679005".equals(category)) {
                return Bill.Kind.CDHA;
            }
            if ("387713003".equals(category)) {
                return Bill.Kind.THU_THUAT;
            }
        }
        String name = item.getCode().getText();
        return name != null && name.startsWith("Khám") ? Bill.Kind.KHAM : Bill.Kind.KHAC;
    }

    /** What a charge bills: its {@code service} and {@code supportingInformation} references. */
    private static List<org.hl7.fhir.r4.model.Reference> billed(ChargeItem item) {
        List<org.hl7.fhir.r4.model.Reference> refs = new ArrayList<>(item.getService());
        refs.addAll(item.getSupportingInformation());
        return refs;
    }

    private static String name(Patient p) {
        return p.getNameFirstRep().hasText() ? p.getNameFirstRep().getText() : p.getNameFirstRep().getNameAsSingleString();
    }

    private static String identifier(List<Identifier> ids, String system) {
        return ids.stream().filter(i -> system.equals(i.getSystem())).map(Identifier::getValue).filter(java.util.Objects::nonNull).findFirst().orElse("");
    }
}

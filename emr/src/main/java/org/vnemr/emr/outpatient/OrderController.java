package org.vnemr.emr.outpatient;

import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.springframework.beans.factory.ObjectProvider;
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
import org.vnemr.terminology.catalogue.CatalogueKind;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chỉ định: lab tests, imaging and procedures picked from the service catalogue. One save is one order slip
 * (phiếu chỉ định, one requisition id) → one ServiceRequest per service, plus their charges when the charge
 * engine is present, all in the same transaction.
 */
@Controller
class OrderController {

    private static final DateTimeFormatter SLIP = DateTimeFormatter.ofPattern("yyMMddHHmmss");

    /** One typed order line, kept when the slip is refused. */
    public record Line(String code, String name, String quantity) {
    }

    private final ClinicalStore store;
    private final Visits visits;
    private final VisitScreen screen;
    private final ServiceCatalogue catalogue;
    private final ObjectProvider<ChargeCapture> charges;

    OrderController(ClinicalStore store, Visits visits, VisitScreen screen, ServiceCatalogue catalogue,
                    ObjectProvider<ChargeCapture> charges) {
        this.store = store;
        this.visits = visits;
        this.screen = screen;
        this.catalogue = catalogue;
        this.charges = charges;
    }

    @GetMapping("/kham-benh/dich-vu")
    @Requires(Permission.VIEW)
    String search(@RequestParam(name = "q", defaultValue = "") String q, Model model) {
        model.addAttribute("services", q.isBlank() || q.length() > 100 ? List.of() : catalogue.search(q, 20));
        return "outpatient/pickers :: serviceHits";
    }

    @PostMapping("/kham-benh/{encounterId}/chi-dinh")
    @Requires(value = Permission.CREATE, patient = "encounterId")
    String save(@PathVariable String encounterId,
                @RequestParam(name = "serviceCode", required = false) List<String> codes,
                @RequestParam(name = "quantity", required = false) List<String> quantities, CurrentUser user,
                Model model, HttpServletResponse response) {
        Encounter e = visits.open(encounterId, user);
        codes = codes == null ? List.of() : codes;
        Map<String, String> errors = new LinkedHashMap<>();
        List<Line> lines = new ArrayList<>();
        List<ServiceCatalogue.Service> services = new ArrayList<>();
        List<BigDecimal> amounts = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i).strip();
            String typed = quantities != null && i < quantities.size() ? quantities.get(i).strip() : "1";
            var service = catalogue.find(code);
            lines.add(new Line(code, service.map(ServiceCatalogue.Service::name).orElse(code), typed));
            if (service.isEmpty()) {
                errors.put("serviceCode-" + i, VisitErrors.text("VNEMR-6212", code));
                continue;
            }
            BigDecimal amount = typed.matches("\\d{1,3}") ? new BigDecimal(typed) : null;
            if (amount == null || amount.signum() <= 0 || amount.intValue() > 100) {
                errors.put("quantity-" + i, VisitErrors.text("VNEMR-6213"));
                continue;
            }
            services.add(service.get());
            amounts.add(amount);
        }
        if (codes.isEmpty()) {
            errors.put("serviceCode", VisitErrors.text("VNEMR-6214"));
        }
        Map<String, Object> form = Map.of("lines", lines);
        if (!errors.isEmpty()) {
            return screen.refused("orders", e, user, model, "order", form, errors, response);
        }
        String requisition = "CD" + SLIP.format(Instant.now().atZone(Visits.VIETNAM))
                + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
        Reference laboratory = performingDepartment();
        List<Resource> writes = new ArrayList<>();
        List<ChargeCapture.Billable> billables = new ArrayList<>();
        Date now = new Date();
        for (int i = 0; i < services.size(); i++) {
            ServiceCatalogue.Service s = services.get(i);
            ServiceRequest r = new ServiceRequest();
            r.setId("urn:uuid:" + UUID.randomUUID());
            r.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
            r.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
            r.addCategory().addCoding().setSystem(VisitCodes.SNOMED).setCode(s.category().snomed())
                    .setDisplay(s.category().english());
            r.getCode().addCoding().setSystem(VisitCodes.CS_SERVICE).setCode(s.code()).setDisplay(s.name());
            r.getCode().setText(s.name());
            r.getRequisition().setSystem(VisitCodes.SID_REQUISITION).setValue(requisition);
            r.setQuantity(new Quantity().setValue(amounts.get(i)).setUnit(s.unit()));
            r.setSubject(e.getSubject().copy());
            r.setEncounter(new Reference(Visits.reference(e)));
            r.setAuthoredOn(now);
            user.practitionerReference().ifPresent(p -> r.setRequester(new Reference(p)));
            if (laboratory != null && s.category() != OrderCategory.PROCEDURE) {
                r.addPerformer(laboratory.copy());
            }
            writes.add(r);
            billables.add(new ChargeCapture.Billable(CatalogueKind.SERVICE, s.code(), amounts.get(i), now.toInstant(),
                    new Reference(r.getIdElement().getValue())));
        }
        try {
            ChargeCapture capture = charges.getIfAvailable();
            if (capture != null) {
                List<ChargeItem> items = capture.chargesFor(e, billables);
                writes.addAll(items);
            }
            store.transaction(writes, user);
        } catch (WriteRefused refused) {
            errors.put("serviceCode", VisitScreen.text(refused));
            return screen.refused("orders", e, user, model, "order", form, errors, response);
        }
        model.addAttribute("orderSaved", requisition);
        return screen.section("orders", visits.encounter(encounterId, user), user, model);
    }

    /** The laboratory/imaging department (type {@code cls}) that performs lab and imaging orders, if set up. */
    private Reference performingDepartment() {
        return store.searchReference(Organization.class, Map.of("_count", List.of("200"))).stream()
                .filter(o -> o.getType().stream().anyMatch(t -> "cls".equals(t.getText())))
                .findFirst().map(o -> new Reference("Organization/" + o.getIdElement().getIdPart())
                        .setDisplay(o.getName())).orElse(null);
    }
}

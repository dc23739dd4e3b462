package org.vnemr.emr.charges;

import org.hl7.fhir.r4.model.Account;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.emr.store.WriteRefused;
import org.vnemr.fhir.error.Messages;
import org.vnemr.terminology.catalogue.CataloguePrices;
import org.vnemr.terminology.catalogue.Price;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;

/**
 * Ghi nhận chi phí theo danh mục: each billable is priced with the catalogue version in force on its day
 * (Vietnam date) and split per {@link ChargeSplit} with the benefit level of the visit's card when the card is
 * valid on that day; otherwise the whole line is out of scope (self-pay).
 */
public class CatalogueChargeCapture implements ChargeCapture {

    private final CataloguePrices prices;
    private final ClinicalStore store;
    private final Clock clock;

    public CatalogueChargeCapture(CataloguePrices prices, ClinicalStore store, Clock clock) {
        this.prices = prices;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public List<ChargeItem> chargesFor(Encounter visit, List<Billable> billables) {
        return chargesFor(visit, coverageOf(visit).orElse(null), billables);
    }

    @Override
    public List<ChargeItem> chargesFor(Encounter visit, Coverage coverage, List<Billable> billables) {
        List<ChargeItem> items = new ArrayList<>();
        List<WriteRefused.Problem> problems = new ArrayList<>();
        for (int i = 0; i < billables.size(); i++) {
            Billable b = billables.get(i);
            LocalDate day = b.when().atZone(Coverages.VIETNAM).toLocalDate();
            Optional<Price> found = prices.priceOn(b.kind(), b.code(), day);
            if (found.isEmpty() || (found.get().bhytPrice() == null && found.get().servicePrice() == null)) {
                problems.add(new WriteRefused.Problem("ChargeItem[" + i + "].code",
                        Messages.vi("VNEMR-6401", b.code(), b.kind().title(), day.toString()),
                        Messages.en("VNEMR-6401", b.code(), b.kind().slug(), day.toString()), "VNEMR-6401"));
                continue;
            }
            Price price = found.get();
            Integer level = coverage != null && Coverages.validOn(coverage, day) ? benefitOrFull(coverage) : null;
            ChargeSplit split = ChargeSplit.of(price.servicePrice(), price.bhytPrice(), price.paymentRatio(),
                    b.quantity(), level);
            ChargeItem item = new ChargeItem();
            item.setStatus(ChargeItem.ChargeItemStatus.BILLABLE);
            item.getCode().addCoding().setSystem(b.kind().system()).setCode(b.code()).setDisplay(price.display());
            item.getCode().setText(price.display());
            item.setSubject(visit.getSubject().copy());
            item.setContext(new Reference(reference(visit)));
            if (visit.hasAccount()) {
                item.addAccount(visit.getAccountFirstRep().copy());
            }
            item.setOccurrence(new DateTimeType(Date.from(b.when()), ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND,
                    TimeZone.getTimeZone(Coverages.VIETNAM)));
            item.setQuantity(new Quantity().setValue(b.quantity()));
            item.setPriceOverride(ChargeItems.money(price.servicePrice() != null ? price.servicePrice()
                    : price.bhytPrice()));
            item.setEnteredDate(Date.from(clock.instant()));
            if (b.service() != null) {
                link(item, b.service());
            }
            ChargeItems.writeSplit(item, split, price.bhytPrice(), price.paymentRatio(), level);
            items.add(item);
        }
        if (!problems.isEmpty()) {
            throw new WriteRefused(422, problems);
        }
        return items;
    }

    /** The resource types R4 allows in {@code ChargeItem.service}: what was performed or given. */
    private static final java.util.Set<String> PERFORMED = java.util.Set.of("DiagnosticReport", "ImagingStudy",
            "Immunization", "MedicationAdministration", "MedicationDispense", "Observation", "Procedure",
            "SupplyDelivery");

    /**
     * What the charge bills: in {@code service} when R4 allows the type there, otherwise (the order — ServiceRequest,
     * MedicationRequest — or the Encounter of an examination or bed-day) in {@code supportingInformation}.
     */
    static void link(ChargeItem item, Reference what) {
        String ref = what.getReference() == null ? "" : what.getReference();
        String type = ref.contains("/") && !ref.startsWith("urn:") ? ref.substring(0, ref.indexOf('/'))
                : what.getType();
        if (type != null && PERFORMED.contains(type)) {
            item.addService(what.copy());
        } else {
            item.addSupportingInformation(what.copy());
        }
    }

    /** A card without a recorded level is taken at 100 %: the level printed on the card decides, not us. */
    private static Integer benefitOrFull(Coverage coverage) {
        Integer level = Coverages.benefitLevel(coverage);
        return level == null ? 100 : level;
    }

    private static String reference(Encounter visit) {
        String id = visit.getIdElement().getValue();
        if (id != null && id.startsWith("urn:uuid:")) {
            return id;
        }
        return "Encounter/" + visit.getIdElement().getIdPart();
    }

    /**
     * The visit's card through its Account. Read without an audit entry of its own: the screen that bills is
     * writing the same visit's record in an audited transaction.
     */
    private Optional<Coverage> coverageOf(Encounter visit) {
        if (!visit.hasAccount()) {
            return Optional.empty();
        }
        String account = visit.getAccountFirstRep().getReference();
        if (account == null || !account.startsWith("Account/")) {
            return Optional.empty();
        }
        return store.readReference(Account.class, account.substring("Account/".length()))
                .filter(Account::hasCoverage)
                .map(a -> a.getCoverageFirstRep().getCoverage().getReference())
                .filter(r -> r != null && r.startsWith("Coverage/"))
                .flatMap(r -> store.readReference(Coverage.class, r.substring("Coverage/".length())));
    }
}

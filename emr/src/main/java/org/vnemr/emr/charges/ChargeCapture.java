package org.vnemr.emr.charges;

import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Reference;
import org.vnemr.terminology.catalogue.CatalogueKind;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Ghi nhận chi phí: turns what was done for a patient — an examination, a service, a drug line, a supply, a
 * bed-day — into {@link ChargeItem}s priced from the catalogue version in force on that day and split into the
 * BHYT-covered amount, the patient's co-payment and the out-of-scope amount per the visit's insurance card
 * (see docs/architecture/clinical-data.md, "charges"). The caller stores the returned items in the same transaction
 * as the order or administration they bill, so no order exists without its charge.
 */
public interface ChargeCapture {

    /**
     * One thing to bill.
     *
     * @param kind     catalogue the code comes from ({@code SERVICE} for examinations and technical services,
     *                 {@code DRUG}, {@code SUPPLY}, {@code BED})
     * @param code     catalogue code (MA_DICH_VU, MA_THUOC, MA_VAT_TU, MA_GIUONG)
     * @param quantity how many units (days for a bed)
     * @param when     when it was done or ordered: picks the price of that day
     * @param service  what it bills: the ServiceRequest, MedicationRequest, or the Encounter for a bed-day; may hold
     *                 a {@code urn:uuid:} reference to a resource in the same transaction. Stored in
     *                 {@code ChargeItem.service} when R4 allows its type there (Procedure, MedicationAdministration,
     *                 Observation …), else in {@code ChargeItem.supportingInformation}
     */
    record Billable(CatalogueKind kind, String code, BigDecimal quantity, Instant when, Reference service) {
    }

    /**
     * Priced, split charge items for the visit (not yet stored).
     *
     * @param visit the Encounter, already stored (its Account and Coverage decide the split)
     * @throws org.vnemr.emr.store.WriteRefused when a code has no price on that day
     */
    List<ChargeItem> chargesFor(Encounter visit, List<Billable> billables);

    /**
     * The same for a visit written in the same transaction (registration): its Account and Coverage are not stored
     * yet, so the card is given.
     *
     * @param coverage the visit's insurance card, or null for a self-paying visit
     */
    List<ChargeItem> chargesFor(Encounter visit, org.hl7.fhir.r4.model.Coverage coverage, List<Billable> billables);
}

package org.vnemr.terminology.catalogue;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Prices for billing: the BHYT price, service price and payment ratio of a code as the catalogue version in force
 * on the day of the service gave them, so a visit of last year is billed at last year's prices. Answers from the
 * relational index in one indexed query.
 */
public class CataloguePrices {

    private final CatalogueStore store;

    CataloguePrices(CatalogueStore store) {
        this.store = store;
    }

    /**
     * The price of {@code code} on {@code day}; empty when no activated version covers the day, the code is not
     * in that version, or the row's own dates (TU_NGAY/DEN_NGAY) exclude the day.
     */
    public Optional<Price> priceOn(CatalogueKind kind, String code, LocalDate day) {
        return store.priceOn(kind, code, day);
    }
}

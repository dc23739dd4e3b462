package org.vnemr.emr.demo;

import org.vnemr.terminology.catalogue.CatalogueEntry;
import org.vnemr.terminology.catalogue.CatalogueKind;
import org.vnemr.terminology.catalogue.Catalogues;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prices and splits the demo's charges from the catalogue version in force on the day, the way the charges screen
 * does (docs/architecture/clinical-data.md, "charges"): only used when no {@code ChargeCapture} is installed.
 */
final class DemoPrices {

    /** The split of one charge: the four parts always add up to {@code total}. */
    record Split(BigDecimal unitPrice, BigDecimal total, BigDecimal bhyt, BigDecimal patient, BigDecimal outOfScope) {
    }

    private final Catalogues catalogues;
    private final Map<String, Optional<CatalogueEntry>> cache = new ConcurrentHashMap<>();

    DemoPrices(Catalogues catalogues) {
        this.catalogues = catalogues;
    }

    /** The catalogue row of {@code code} in force on {@code day}, if any. */
    Optional<CatalogueEntry> entry(CatalogueKind kind, String code, LocalDate day) {
        return cache.computeIfAbsent(kind + "|" + code + "|" + day, k -> catalogues.entryOn(kind, code, day)
                .filter(e -> (e.validFrom() == null || !day.isBefore(e.validFrom()))
                        && (e.validTo() == null || !day.isAfter(e.validTo()))));
    }

    /**
     * Insured: the BHYT price; the part inside the payment ratio is shared between the fund (benefit level) and the
     * patient (co-payment); the part outside the ratio is out of scope. Uninsured: the facility's price, all paid by
     * the patient as out of scope.
     *
     * @param benefitLevel 80, 95 or 100; null when the patient has no card
     */
    static Split split(CatalogueEntry entry, BigDecimal quantity, Integer benefitLevel) {
        BigDecimal unit = benefitLevel != null && entry.bhytPrice() != null ? entry.bhytPrice()
                : entry.servicePrice() != null ? entry.servicePrice() : entry.bhytPrice();
        if (unit == null) {
            unit = BigDecimal.ZERO;
        }
        BigDecimal total = money(unit.multiply(quantity));
        if (benefitLevel == null || entry.bhytPrice() == null) {
            return new Split(unit, total, zero(), zero(), total);
        }
        BigDecimal covered = money(total.multiply(entry.paymentRatio()).movePointLeft(2));
        BigDecimal bhyt = money(covered.multiply(BigDecimal.valueOf(benefitLevel)).movePointLeft(2));
        BigDecimal patient = covered.subtract(bhyt);
        return new Split(unit, total, bhyt, patient, total.subtract(covered));
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(2);
    }
}

package org.vnemr.terminology.catalogue;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The price of one catalogue code on one day, from the version in force that day.
 *
 * @param bhytPrice    giá BHYT thanh toán (VND), null when the catalogue gives none
 * @param servicePrice giá dịch vụ / giá của cơ sở (VND), null when the catalogue gives none
 * @param paymentRatio tỷ lệ thanh toán BHYT in percent (100 when the catalogue sets no ratio)
 * @param versionFrom  first day of the version the price comes from
 */
public record Price(CatalogueKind kind, String code, String display, BigDecimal bhytPrice, BigDecimal servicePrice,
                    BigDecimal paymentRatio, String versionId, LocalDate versionFrom) {
}

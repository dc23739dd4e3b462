package org.vnemr.terminology.catalogue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a catalogue version: the code, its name, and every other column by its Ministry field name
 * ({@code HAM_LUONG → "500mg"}) as normalised text (decimals in plain form, dates as yyyy-MM-dd).
 */
public record CatalogueEntry(String code, String display, Map<String, String> fields) {

    /** Giá BHYT thanh toán. */
    public static final String BHYT_PRICE = "DON_GIA_BH";
    /** Giá dịch vụ / giá của cơ sở (giá viện phí, giá mua vào đối với thuốc). */
    public static final String SERVICE_PRICE = "DON_GIA_BV";
    /** Tỷ lệ thanh toán BHYT (%). */
    public static final String PAYMENT_RATIO = "TYLE_TT_BH";
    /** Ngày bắt đầu áp dụng riêng của dòng (trong phiên bản). */
    public static final String VALID_FROM = "TU_NGAY";
    /** Ngày kết thúc áp dụng riêng của dòng (trong phiên bản). */
    public static final String VALID_TO = "DEN_NGAY";

    public CatalogueEntry {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public String field(String name) {
        return fields.get(name);
    }

    public BigDecimal bhytPrice() {
        return decimal(BHYT_PRICE);
    }

    public BigDecimal servicePrice() {
        return decimal(SERVICE_PRICE);
    }

    /** The BHYT payment ratio in percent; 100 when the catalogue sets none (no ratio rule for the item). */
    public BigDecimal paymentRatio() {
        BigDecimal ratio = decimal(PAYMENT_RATIO);
        return ratio == null ? BigDecimal.valueOf(100) : ratio;
    }

    public LocalDate validFrom() {
        String v = fields.get(VALID_FROM);
        return v == null ? null : LocalDate.parse(v);
    }

    public LocalDate validTo() {
        String v = fields.get(VALID_TO);
        return v == null ? null : LocalDate.parse(v);
    }

    private BigDecimal decimal(String name) {
        String v = fields.get(name);
        return v == null ? null : new BigDecimal(v);
    }
}

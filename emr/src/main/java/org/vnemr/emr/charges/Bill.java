package org.vnemr.emr.charges;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;

/**
 * Bảng kê chi phí of one visit as the cashier sees it: lines grouped by kind, each with its split, and the totals.
 * Amounts are pre-formatted the Vietnamese way (1.234.567 đ).
 */
public record Bill(List<Group> groups, ChargeSplit totals, BigDecimal dueNow) {

    /** The cashier's groups, in the order of the printed bảng kê. */
    public enum Kind {
        KHAM("Khám bệnh"), XET_NGHIEM("Xét nghiệm"), CDHA("Chẩn đoán hình ảnh, thăm dò chức năng"),
        THU_THUAT("Thủ thuật, phẫu thuật"), THUOC("Thuốc"), VTYT("Vật tư y tế"), GIUONG("Ngày giường"),
        KHAC("Dịch vụ khác");

        private final String vietnamese;

        Kind(String vietnamese) {
            this.vietnamese = vietnamese;
        }

        public String vietnamese() {
            return vietnamese;
        }
    }

    /** One line: unit price, quantity and the split. */
    public record Line(String code, String name, BigDecimal unitPrice, BigDecimal quantity, ChargeSplit split,
                       boolean billed) {
        public String unitPriceShown() {
            return money(unitPrice);
        }

        public String quantityShown() {
            return quantity == null ? "" : quantity.stripTrailingZeros().toPlainString();
        }
    }

    public record Group(Kind kind, List<Line> lines, ChargeSplit totals) {
    }

    public String dueNowShown() {
        return money(dueNow);
    }

    /** {@code 1.234.567 đ}. */
    public static String money(BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        DecimalFormatSymbols symbols = new DecimalFormatSymbols();
        symbols.setGroupingSeparator('.');
        symbols.setDecimalSeparator(',');
        return new DecimalFormat("#,##0.##", symbols).format(amount) + " đ";
    }
}

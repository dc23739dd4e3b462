package org.vnemr.terminology.catalogue;

import java.util.List;
import java.util.Map;

import static org.vnemr.terminology.catalogue.Column.Type.CODE;
import static org.vnemr.terminology.catalogue.Column.Type.DISPLAY;
import static org.vnemr.terminology.catalogue.Column.Type.TEXT;

/**
 * Danh mục giường bệnh of the facility. MA_GIUONG is numbered per department (XML 130 table 3: H = giường kế
 * hoạch, T = kê thêm, C = tự chọn, K = khác, then 3 digits), so the entry code is {@code MA_KHOA/MA_GIUONG}
 * ({@code K03/H001}). MA_DICH_VU names the bed-day price code of the DVKT list; the prices are the bed-day prices.
 */
public final class BedImporter extends CatalogueImporter {

    private static final List<Column> COLUMNS = List.of(
            Column.of("MA_GIUONG", CODE, true, 4, "Mã giường")
                    .format("[HTCK]\\d{3}", "H, T, C hoặc K và 3 chữ số, ví dụ H001"),
            Column.of("TEN_GIUONG", DISPLAY, false, 255, "Tên giường"),
            Column.of("MA_KHOA", TEXT, true, 50, "Mã khoa").format(DepartmentImporter.CODE_FORMAT,
                    DepartmentImporter.CODE_FORMAT_TEXT),
            Column.of("LOAI_GIUONG", TEXT, false, 255, "Loại giường"),
            Column.of("MA_DICH_VU", TEXT, false, 50, "Mã dịch vụ", "Mã giá giường")
                    .format("[A-Z0-9][A-Z0-9.]*", "mã giá ngày giường trong danh mục DVKT"),
            bhytPrice(true),
            servicePrice(),
            paymentRatio(),
            validFrom(),
            validTo(),
            note());

    @Override
    public CatalogueKind kind() {
        return CatalogueKind.BED;
    }

    @Override
    List<Column> columns() {
        return COLUMNS;
    }

    @Override
    String entryCode(Map<String, String> fields, String code) {
        return fields.get("MA_KHOA") + "/" + code;
    }

    @Override
    String entryDisplay(Map<String, String> fields, String code, String display) {
        return display != null ? display : "Giường " + code + " khoa " + fields.get("MA_KHOA");
    }
}

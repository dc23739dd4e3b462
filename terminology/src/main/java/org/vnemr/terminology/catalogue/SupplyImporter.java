package org.vnemr.terminology.catalogue;

import java.util.List;

import static org.vnemr.terminology.catalogue.Column.Type.CODE;
import static org.vnemr.terminology.catalogue.Column.Type.DISPLAY;
import static org.vnemr.terminology.catalogue.Column.Type.TEXT;

/**
 * Danh mục vật tư y tế (VTYT): MA_VAT_TU as XML 130 table 3 writes it (the BHXH portal assigns the codes, so only
 * the character set is checked), name, unit, brand code, tender information, BHYT price and ratio.
 */
public final class SupplyImporter extends CatalogueImporter {

    private static final List<Column> COLUMNS = List.of(
            Column.of("MA_VAT_TU", CODE, true, 255, "Mã vật tư", "Mã VTYT", "MA_VTYT")
                    .format("[A-Za-z0-9][A-Za-z0-9._-]*", "chữ không dấu và số, có thể có . _ -"),
            Column.of("TEN_VAT_TU", DISPLAY, true, 1024, "Tên vật tư", "Tên VTYT"),
            Column.of("MA_NHOM_VTYT", TEXT, false, 50, "Mã nhóm", "Mã nhóm VTYT", "Nhóm VTYT"),
            Column.of("MA_HIEU_SP", TEXT, false, 255, "Mã hiệu", "Mã hiệu sản phẩm", "Model"),
            Column.of("DON_VI_TINH", TEXT, true, 50, "Đơn vị tính", "ĐVT"),
            Column.of("TT_THAU", TEXT, false, 25, "Thông tin thầu"),
            bhytPrice(true),
            servicePrice(),
            paymentRatio(),
            validFrom(),
            validTo(),
            note());

    @Override
    public CatalogueKind kind() {
        return CatalogueKind.SUPPLY;
    }

    @Override
    List<Column> columns() {
        return COLUMNS;
    }
}

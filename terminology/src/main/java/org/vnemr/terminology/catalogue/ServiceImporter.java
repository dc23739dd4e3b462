package org.vnemr.terminology.catalogue;

import java.util.List;

import static org.vnemr.terminology.catalogue.Column.Type.CODE;
import static org.vnemr.terminology.catalogue.Column.Type.DISPLAY;
import static org.vnemr.terminology.catalogue.Column.Type.TEXT;

/**
 * Danh mục dịch vụ kỹ thuật (DVKT), codes {@code CC.KKKK.GGGG} of QĐ 2010/QĐ-BYT (2025): chapter (2 digits),
 * technique (4 digits), price group (4 digits). The BHYT price is required, the facility's service price and the
 * payment ratio are optional.
 */
public final class ServiceImporter extends CatalogueImporter {

    private static final List<Column> COLUMNS = List.of(
            Column.of("MA_DICH_VU", CODE, true, 50, "Mã dịch vụ", "Mã DVKT", "MA_DVKT", "Mã tương đương",
                            "MA_TUONG_DUONG")
                    .format("\\d{2}\\.\\d{4}\\.\\d{4}", "CC.KKKK.GGGG (2 số chương, 4 số kỹ thuật, 4 số nhóm giá)"),
            Column.of("TEN_DICH_VU", DISPLAY, true, 1024, "Tên dịch vụ", "Tên DVKT", "Tên dịch vụ kỹ thuật"),
            Column.of("DON_VI_TINH", TEXT, false, 50, "Đơn vị tính", "ĐVT"),
            Column.of("MA_GIA", TEXT, false, 50, "Mã giá"),
            Column.of("QUYET_DINH", TEXT, false, 255, "Quyết định", "Số quyết định"),
            bhytPrice(true),
            servicePrice(),
            paymentRatio(),
            validFrom(),
            validTo(),
            note());

    @Override
    public CatalogueKind kind() {
        return CatalogueKind.SERVICE;
    }

    @Override
    List<Column> columns() {
        return COLUMNS;
    }
}

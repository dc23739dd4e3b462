package org.vnemr.terminology.catalogue;

import java.util.List;

import static org.vnemr.terminology.catalogue.Column.Type.CODE;
import static org.vnemr.terminology.catalogue.Column.Type.DISPLAY;
import static org.vnemr.terminology.catalogue.Column.Type.TEXT;

/**
 * Danh mục thuốc tân dược: the columns XML 130 table 2 (CHI_TIET_THUOC) needs for a drug line — MA_THUOC,
 * TEN_THUOC, hoạt chất, HAM_LUONG, DUONG_DUNG (code, ≤ 4 characters), DANG_BAO_CHE, DON_VI_TINH, SO_DANG_KY —
 * plus the BHYT price and payment ratio. Sizes follow the XML 130/3176 field table.
 */
public final class DrugImporter extends CatalogueImporter {

    private static final List<Column> COLUMNS = List.of(
            Column.of("MA_THUOC", CODE, true, 255, "Mã thuốc")
                    .format("[\\p{L}0-9][\\p{L}0-9._/+-]*", "chữ và số, có thể có . _ / + -"),
            Column.of("TEN_THUOC", DISPLAY, true, 1024, "Tên thuốc", "Tên thương mại"),
            Column.of("MA_HOAT_CHAT", TEXT, false, 255, "Mã hoạt chất"),
            Column.of("TEN_HOAT_CHAT", TEXT, true, 1024, "Tên hoạt chất", "HOAT_CHAT", "Hoạt chất"),
            Column.of("HAM_LUONG", TEXT, true, 1024, "Hàm lượng", "Nồng độ, hàm lượng", "Nồng độ/hàm lượng"),
            Column.of("DUONG_DUNG", TEXT, true, 4, "MA_DUONG_DUNG", "Mã đường dùng", "Đường dùng")
                    .format("[0-9.]{1,4}", "mã đường dùng tối đa 4 ký tự số, ví dụ 1.01"),
            Column.of("TEN_DUONG_DUNG", TEXT, false, 255, "Tên đường dùng"),
            Column.of("DANG_BAO_CHE", TEXT, false, 1024, "Dạng bào chế"),
            Column.of("DON_VI_TINH", TEXT, true, 50, "Đơn vị tính", "ĐVT"),
            Column.of("SO_DANG_KY", TEXT, true, 255, "Số đăng ký", "Số đăng ký lưu hành", "SDK", "Số GPLH")
                    .format("\\S+", "không có khoảng trắng"),
            Column.of("TT_THAU", TEXT, false, 50, "Thông tin thầu"),
            bhytPrice(true),
            servicePrice(),
            paymentRatio(),
            validFrom(),
            validTo(),
            note());

    @Override
    public CatalogueKind kind() {
        return CatalogueKind.DRUG;
    }

    @Override
    List<Column> columns() {
        return COLUMNS;
    }
}

package org.vnemr.terminology.catalogue;

import java.util.List;

import static org.vnemr.terminology.catalogue.Column.Type.CODE;
import static org.vnemr.terminology.catalogue.Column.Type.DISPLAY;
import static org.vnemr.terminology.catalogue.Column.Type.TEXT;

/**
 * Danh mục khoa (MA_KHOA; QĐ 5937 PL5 → QĐ 2010/2025 PL6 → QĐ 1804/2026 PL2): K01–K60 and K99, sub-codes such as
 * {@code K16.1}, units inside a department such as {@code K02.D35}, multi-specialty departments such as
 * {@code K0809}.
 */
public final class DepartmentImporter extends CatalogueImporter {

    static final String CODE_FORMAT = "K\\d{2}(\\d{2})?(\\.(\\d{1,2}|[A-Z]{1,2}\\d{1,3}))?";
    static final String CODE_FORMAT_TEXT = "K và 2 chữ số (K01…K99), có thể ghép khoa (K0809) hoặc mã con (K16.1, K02.D35)";

    private static final List<Column> COLUMNS = List.of(
            Column.of("MA_KHOA", CODE, true, 50, "Mã khoa").format(CODE_FORMAT, CODE_FORMAT_TEXT),
            Column.of("TEN_KHOA", DISPLAY, true, 255, "Tên khoa", "Tên khoa/phòng"),
            Column.of("MA_KHOA_CHA", TEXT, false, 50, "Mã khoa cha", "Thuộc khoa").format(CODE_FORMAT,
                    CODE_FORMAT_TEXT),
            note());

    @Override
    public CatalogueKind kind() {
        return CatalogueKind.DEPARTMENT;
    }

    @Override
    List<Column> columns() {
        return COLUMNS;
    }
}

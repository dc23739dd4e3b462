package org.vnemr.terminology.catalogue;

import java.util.List;

import static org.vnemr.terminology.catalogue.Column.Type.CODE;
import static org.vnemr.terminology.catalogue.Column.Type.DISPLAY;

/**
 * Hình thức khám bệnh, chữa bệnh (MA_LOAI_KCB): two digits, 10 codes under QĐ 824/QĐ-BYT (2023), 16 codes from
 * 01/08/2026 under QĐ 1804/QĐ-BYT (2026) — two versions of the same catalogue on one timeline. A code typed as the
 * number 1 in Excel is read as {@code 01}.
 */
public final class VisitTypeImporter extends CatalogueImporter {

    private static final List<Column> COLUMNS = List.of(
            Column.of("MA_LOAI_KCB", CODE, true, 2, "Mã loại KCB", "Mã hình thức KCB")
                    .format("\\d{2}", "2 chữ số, ví dụ 01"),
            Column.of("TEN_LOAI_KCB", DISPLAY, true, 255, "Tên loại KCB", "Tên hình thức KCB", "Diễn giải"),
            note());

    @Override
    public CatalogueKind kind() {
        return CatalogueKind.VISIT_TYPE;
    }

    @Override
    List<Column> columns() {
        return COLUMNS;
    }

    @Override
    String normaliseCode(String raw) {
        String code = raw.strip();
        return code.matches("\\d") ? "0" + code : code;
    }
}

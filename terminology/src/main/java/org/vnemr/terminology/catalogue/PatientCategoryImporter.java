package org.vnemr.terminology.catalogue;

import java.util.List;

import static org.vnemr.terminology.catalogue.Column.Type.CODE;
import static org.vnemr.terminology.catalogue.Column.Type.DISPLAY;
import static org.vnemr.terminology.catalogue.Column.Type.RATIO;
import static org.vnemr.terminology.catalogue.Column.Type.TEXT;

/**
 * Đối tượng khám bệnh, chữa bệnh (MA_DOITUONG_KCB, QĐ 3276/QĐ-BYT 2025 PL1): codes such as {@code 1.1},
 * {@code 1.10}, {@code 2}, {@code 3.1}, at most 4 characters, with the benefit level (MUC_HUONG, %) the row gives.
 */
public final class PatientCategoryImporter extends CatalogueImporter {

    private static final List<Column> COLUMNS = List.of(
            Column.of("MA_DOITUONG_KCB", CODE, true, 4, "Mã đối tượng", "Mã đối tượng KCB", "MA_DOI_TUONG")
                    .format("\\d{1,2}(\\.\\d{1,2})?", "số, hoặc nhóm.số, ví dụ 1.1, 1.10, 2, 3.1"),
            Column.of("TEN_DOITUONG_KCB", DISPLAY, true, 1024, "Tên đối tượng", "Tên đối tượng KCB",
                    "TEN_DOI_TUONG", "Diễn giải"),
            Column.of("MUC_HUONG", RATIO, false, 0, "Mức hưởng"),
            note());

    @Override
    public CatalogueKind kind() {
        return CatalogueKind.PATIENT_CATEGORY;
    }

    @Override
    List<Column> columns() {
        return COLUMNS;
    }
}

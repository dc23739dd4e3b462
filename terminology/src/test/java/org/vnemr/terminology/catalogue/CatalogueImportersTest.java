package org.vnemr.terminology.catalogue;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vnemr.terminology.catalogue.XlsxFiles.row;

/** Every importer on its shipped sample file, and the row checks on broken files. */
class CatalogueImportersTest {

    private static List<CatalogueEntry> readSample(CatalogueImporter importer, String file) throws IOException {
        try (InputStream in = CatalogueImportersTest.class.getResourceAsStream("/vnemr/catalogue/samples/" + file)) {
            assertThat(in).as("sample %s on the class path", file).isNotNull();
            return importer.read(in);
        }
    }

    private static CatalogueEntry entry(List<CatalogueEntry> entries, String code) {
        return entries.stream().filter(e -> e.code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void drugSample_readsEveryDrugWithIngredientStrengthRouteRegistrationAndPrices() throws IOException {
        List<CatalogueEntry> drugs = readSample(new DrugImporter(), "drug.xlsx");

        assertThat(drugs).hasSize(8);
        CatalogueEntry insulin = entry(drugs, "40.563");
        assertThat(insulin.display()).isEqualTo("Insulin glargine 100UI/ml");
        assertThat(insulin.field("TEN_HOAT_CHAT")).isEqualTo("Insulin glargine");
        assertThat(insulin.field("HAM_LUONG")).isEqualTo("100UI/ml");
        assertThat(insulin.field("DUONG_DUNG")).isEqualTo("2.10");
        assertThat(insulin.field("SO_DANG_KY")).isEqualTo("QLSP-0789-18");
        assertThat(insulin.bhytPrice()).isEqualByComparingTo("215000.5");
        assertThat(insulin.servicePrice()).isEqualByComparingTo("230000");
        assertThat(insulin.paymentRatio()).isEqualByComparingTo("50");
        // a date cell and a money-formatted cell ("1,250" on screen) read as plain values
        CatalogueEntry amoxicillin = entry(drugs, "40.17");
        assertThat(amoxicillin.validFrom()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(amoxicillin.field("DON_GIA_BH")).isEqualTo("1250");
        assertThat(entry(drugs, "40.336").servicePrice()).isNull();
    }

    @Test
    void serviceSample_readsDvktCodesAndPrices_ratioDefaultsTo100() throws IOException {
        List<CatalogueEntry> services = readSample(new ServiceImporter(), "service.xlsx");

        assertThat(services).hasSize(6);
        CatalogueEntry xray = entry(services, "18.0068.0028");
        assertThat(xray.display()).isEqualTo("Chụp X-quang ngực thẳng");
        assertThat(xray.bhytPrice()).isEqualByComparingTo("65400");
        assertThat(xray.servicePrice()).isEqualByComparingTo("70000");
        assertThat(xray.paymentRatio()).isEqualByComparingTo("100");
        assertThat(xray.field("TYLE_TT_BH")).isNull();
        assertThat(entry(services, "10.0569.0571").bhytPrice()).isEqualByComparingTo("2826000");
    }

    @Test
    void supplySample_readsSuppliesWithRatio() throws IOException {
        List<CatalogueEntry> supplies = readSample(new SupplyImporter(), "supply.xlsx");

        assertThat(supplies).hasSize(5);
        CatalogueEntry stent = entry(supplies, "N07.01.030");
        assertThat(stent.display()).isEqualTo("Stent động mạch vành phủ thuốc");
        assertThat(stent.field("DON_VI_TINH")).isEqualTo("Cái");
        assertThat(stent.bhytPrice()).isEqualByComparingTo("36000000");
        assertThat(stent.paymentRatio()).isEqualByComparingTo("50");
    }

    @Test
    void bedSample_codesBedsByDepartmentAndBedNumber() throws IOException {
        List<CatalogueEntry> beds = readSample(new BedImporter(), "bed.xlsx");

        assertThat(beds).extracting(CatalogueEntry::code)
                .containsExactly("K03/H001", "K03/H002", "K03/T001", "K19/H001", "K19/C001");
        CatalogueEntry chosen = entry(beds, "K19/C001");
        assertThat(chosen.field("MA_KHOA")).isEqualTo("K19");
        assertThat(chosen.field("MA_DICH_VU")).isEqualTo("K19.1912");
        assertThat(chosen.bhytPrice()).isEqualByComparingTo("299000");
        assertThat(chosen.servicePrice()).isEqualByComparingTo("650000");
    }

    @Test
    void departmentSample_acceptsSubUnitAndMultiSpecialtyCodes() throws IOException {
        List<CatalogueEntry> departments = readSample(new DepartmentImporter(), "department.xlsx");

        assertThat(departments).hasSize(8);
        assertThat(departments).extracting(CatalogueEntry::code).contains("K01", "K02.D35", "K0809", "K16.1", "K99");
        assertThat(entry(departments, "K02.D35").field("MA_KHOA_CHA")).isEqualTo("K02");
        assertThat(entry(departments, "K03").display()).isEqualTo("Khoa Nội tổng hợp");
    }

    @Test
    void patientCategorySample_readsCodesWithBenefitLevel() throws IOException {
        List<CatalogueEntry> categories = readSample(new PatientCategoryImporter(), "patient-category.xlsx");

        assertThat(categories).extracting(CatalogueEntry::code)
                .containsExactly("1.1", "1.2", "1.10", "2", "3.1", "8", "9");
        assertThat(entry(categories, "3.1").field("MUC_HUONG")).isEqualTo("40");
        assertThat(entry(categories, "8").field("MUC_HUONG")).isNull();
    }

    @Test
    void visitTypeSamples_have10CodesNowAnd16From2026() throws IOException {
        List<CatalogueEntry> now = readSample(new VisitTypeImporter(), CatalogueSampleFiles.VISIT_TYPES_824);
        List<CatalogueEntry> later = readSample(new VisitTypeImporter(), CatalogueSampleFiles.VISIT_TYPES_1804);

        assertThat(now).hasSize(10);
        assertThat(later).hasSize(16);
        assertThat(entry(now, "04").display()).isEqualTo("Điều trị nội trú ban ngày");
        assertThat(entry(later, "04").display()).isEqualTo("Điều trị ban ngày");
        assertThat(entry(later, "14").display()).isEqualTo("Khám bệnh, chữa bệnh từ xa");
    }

    @Test
    void headers_matchWithoutCaseOrDiacritics_inAnyOrder_withExtraColumns() {
        byte[] file = XlsxFiles.workbook("x", List.of(
                row("Ghi chú nội bộ", "Tên dịch vụ", "Giá BHYT", "mã dịch vụ", "Cột thêm"),
                row("abc", "Điện tim thường", 32800, "21.0014.1778", "bỏ qua")));

        List<CatalogueEntry> entries = new ServiceImporter().read(new ByteArrayInputStream(file));

        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("21.0014.1778");
            assertThat(e.display()).isEqualTo("Điện tim thường");
            assertThat(e.bhytPrice()).isEqualByComparingTo(new BigDecimal("32800"));
        });
    }

    @Test
    void visitType_typedAsNumber_isReadWithLeadingZero() {
        byte[] file = XlsxFiles.workbook("x", List.of(row("MA_LOAI_KCB", "TEN_LOAI_KCB"), row(1, "Khám bệnh")));

        assertThat(new VisitTypeImporter().read(new ByteArrayInputStream(file)))
                .extracting(CatalogueEntry::code).containsExactly("01");
    }

    @Test
    void serviceCode_notInChapterTechniquePriceGroupFormat_isRefusedWithRowAndColumn() {
        byte[] file = XlsxFiles.workbook("x", List.of(
                row("MA_DICH_VU", "TEN_DICH_VU", "DON_GIA_BH"),
                row("18.0001.0001", "Siêu âm ổ bụng", 43900),
                row("18.001.0001", "Mã thiếu số", 1000)));

        assertThatThrownBy(() -> new ServiceImporter().read(new ByteArrayInputStream(file)))
                .isInstanceOfSatisfying(CatalogueImportException.class, e -> {
                    assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.code()).isEqualTo("VNEMR-2105");
                        assertThat(p.vietnamese()).startsWith("Dòng 3, cột MA_DICH_VU: mã '18.001.0001' sai định dạng")
                                .contains("CC.KKKK.GGGG");
                    });
                });
    }

    @Test
    void badPricesRatiosDatesAndMissingValues_areAllReportedPerRowAndColumn() {
        byte[] file = XlsxFiles.workbook("x", List.of(
                row("MA_THUOC", "TEN_THUOC", "TEN_HOAT_CHAT", "HAM_LUONG", "DUONG_DUNG", "DON_VI_TINH",
                        "SO_DANG_KY", "DON_GIA_BH", "TYLE_TT_BH", "TU_NGAY", "DEN_NGAY"),
                row("40.17", "Amoxicilin", "Amoxicilin", "500mg", "1.01", "Viên", "VD-1", "1,250", 100, null, null),
                row("40.18", "Thuốc B", "Hoạt chất B", "10mg", "1.01", "Viên", "VD-2", -5, 100, null, null),
                row("40.19", "Thuốc C", "Hoạt chất C", "10mg", "1.01", "Viên", "VD-3", 100, 120, null, null),
                row("40.20", "Thuốc D", "Hoạt chất D", "10mg", "1.01", "Viên", "VD-4", 100, 100, "31/02/2026", null),
                row("40.21", "Thuốc E", null, "10mg", "1.01", "Viên", "VD-5", 100, 100, null, null),
                row("40.22", "Thuốc F", "Hoạt chất F", "10mg", "1.01", "Viên", "VD-6", 100, 100, "2026-03-01",
                        "2026-02-01"),
                row("40.17", "Trùng mã", "Hoạt chất G", "10mg", "1.01", "Viên", "VD-7", 100, 100, null, null)));

        assertThatThrownBy(() -> new DrugImporter().read(new ByteArrayInputStream(file)))
                .isInstanceOfSatisfying(CatalogueImportException.class, e -> assertThat(e.problems())
                        .extracting(RowProblem::vietnamese)
                        .containsExactly(
                                "Dòng 2, cột DON_GIA_BH: '1,250' không phải số thập phân không âm (dùng dấu chấm '.' "
                                        + "phân cách phần thập phân, tối đa 3 chữ số thập phân, không dùng dấu phân "
                                        + "cách hàng nghìn)",
                                "Dòng 3, cột DON_GIA_BH: '-5' không phải số thập phân không âm (dùng dấu chấm '.' "
                                        + "phân cách phần thập phân, tối đa 3 chữ số thập phân, không dùng dấu phân "
                                        + "cách hàng nghìn)",
                                "Dòng 4, cột TYLE_TT_BH: tỷ lệ '120' phải là số từ 0 đến 100",
                                "Dòng 5, cột TU_NGAY: ngày '31/02/2026' không hợp lệ (dùng yyyy-MM-dd, dd/MM/yyyy "
                                        + "hoặc yyyyMMdd)",
                                "Dòng 6, cột TEN_HOAT_CHAT: thiếu giá trị bắt buộc",
                                "Dòng 7, cột DEN_NGAY: ngày kết thúc 2026-02-01 trước ngày bắt đầu 2026-03-01",
                                "Dòng 8, cột MA_THUOC: mã '40.17' trùng với dòng 2"));
    }

    @Test
    void missingRequiredColumn_isRefusedBeforeAnyRow() {
        byte[] file = XlsxFiles.workbook("x", List.of(row("MA_DICH_VU", "TEN_DICH_VU"),
                row("18.0001.0001", "Siêu âm")));

        assertThatThrownBy(() -> new ServiceImporter().read(new ByteArrayInputStream(file)))
                .isInstanceOfSatisfying(CatalogueImportException.class, e -> assertThat(e.problems())
                        .extracting(RowProblem::code).containsExactly("VNEMR-2103"));
    }

    @Test
    void fileWithoutHeaderRow_orNotAnExcelFile_isRefused() {
        byte[] noHeader = XlsxFiles.workbook("x", List.of(row("a", "b"), row("c", "d")));

        assertThatThrownBy(() -> new DepartmentImporter().read(new ByteArrayInputStream(noHeader)))
                .isInstanceOfSatisfying(CatalogueImportException.class, e -> assertThat(e.problems())
                        .extracting(RowProblem::code).containsExactly("VNEMR-2102"));
        assertThatThrownBy(() -> new DepartmentImporter().read(new ByteArrayInputStream("MA_KHOA;TEN".getBytes())))
                .isInstanceOfSatisfying(CatalogueImportException.class, e -> assertThat(e.problems())
                        .extracting(RowProblem::code).containsExactly("VNEMR-2101"));
    }

    @Test
    void manyBadRows_listTheFirst200AndTheTotal() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row("MA_KHOA", "TEN_KHOA"));
        for (int i = 0; i < 250; i++) {
            rows.add(row("X" + i, "Khoa sai mã"));
        }
        byte[] file = XlsxFiles.workbook("x", rows);

        assertThatThrownBy(() -> new DepartmentImporter().read(new ByteArrayInputStream(file)))
                .isInstanceOfSatisfying(CatalogueImportException.class, e -> {
                    assertThat(e.problems()).hasSize(201);
                    assertThat(e.problems().get(0).vietnamese()).startsWith("Tệp có 250 lỗi; chỉ liệt kê 200");
                });
    }

    @Test
    void largeCatalogue_isReadRowByRow() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row("MA_DICH_VU", "TEN_DICH_VU", "DON_GIA_BH"));
        for (int i = 0; i < 30_000; i++) {
            rows.add(row(code(i), "Dịch vụ " + i, 1000 + i));
        }
        byte[] file = XlsxFiles.workbook("x", rows);

        long started = System.nanoTime();
        List<CatalogueEntry> entries = new ServiceImporter().read(new ByteArrayInputStream(file));
        System.out.printf("30000 service rows read and checked in %d ms%n", (System.nanoTime() - started) / 1_000_000);

        assertThat(entries).hasSize(30_000);
        assertThat(entries.get(29_999).code()).isEqualTo("03.9999.0001");
        assertThat(entries.get(29_999).bhytPrice()).isEqualByComparingTo("30999");
    }

    private static String code(int i) {
        return String.format("%02d.%04d.0001", i / 10_000 + 1, i % 10_000);
    }
}

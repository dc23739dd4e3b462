package org.vnemr.terminology.catalogue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.vnemr.terminology.catalogue.XlsxFiles.row;

/**
 * The synthetic sample catalogues shipped in {@code src/main/resources/vnemr/catalogue/samples/} (demo data and
 * test input). Every row is made up for the product: codes follow the national formats, names and prices are
 * plausible, nothing is copied from a published list except the MA_LOAI_KCB names, which the regulations
 * themselves fix. Run {@link #main} to write the files again after changing them here.
 */
final class CatalogueSampleFiles {

    static final String VISIT_TYPES_824 = "visit-type-qd824.xlsx";
    static final String VISIT_TYPES_1804 = "visit-type-qd1804.xlsx";

    private CatalogueSampleFiles() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "terminology/src/main/resources/vnemr/catalogue/samples");
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> file : all().entrySet()) {
            Files.write(dir.resolve(file.getKey()), file.getValue());
        }
    }

    static Map<String, byte[]> all() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("drug.xlsx", XlsxFiles.workbook("Thuoc", drugRows()));
        files.put("service.xlsx", XlsxFiles.workbook("DVKT", serviceRows()));
        files.put("supply.xlsx", XlsxFiles.workbook("VTYT", supplyRows()));
        files.put("bed.xlsx", XlsxFiles.workbook("Giuong", bedRows()));
        files.put("department.xlsx", XlsxFiles.workbook("Khoa", departmentRows()));
        files.put("patient-category.xlsx", XlsxFiles.workbook("DoiTuongKCB", patientCategoryRows()));
        files.put(VISIT_TYPES_824, XlsxFiles.workbook("LoaiKCB", visitTypeRows(false)));
        files.put(VISIT_TYPES_1804, XlsxFiles.workbook("LoaiKCB", visitTypeRows(true)));
        return files;
    }

    /** A Ministry-style title block above the header, as the published files have. */
    private static List<List<Object>> titled(String title, List<Object> header) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row(title));
        rows.add(row("Dữ liệu mẫu tổng hợp (synthetic) của vnemr — không phải danh mục chính thức"));
        rows.add(row());
        rows.add(header);
        return rows;
    }

    static List<List<Object>> drugRows() {
        List<List<Object>> rows = titled("DANH MỤC THUỐC TÂN DƯỢC SỬ DỤNG TẠI CƠ SỞ KBCB",
                row("STT", "MA_THUOC", "TEN_THUOC", "MA_HOAT_CHAT", "TEN_HOAT_CHAT", "HAM_LUONG", "DUONG_DUNG",
                        "TEN_DUONG_DUNG", "DANG_BAO_CHE", "DON_VI_TINH", "SO_DANG_KY", "DON_GIA_BH", "DON_GIA_BV",
                        "TYLE_TT_BH", "TU_NGAY", "GHI_CHU"));
        rows.add(row(1, "40.17", "Amoxicilin 500mg", "40.17", "Amoxicilin", "500mg", "1.01", "Uống",
                "Viên nang cứng", "Viên", "VD-12345-21", 1250, 1300, 100, LocalDate.of(2026, 1, 1), null));
        rows.add(row(2, "40.21", "Cefuroxim 250mg", "40.21", "Cefuroxim", "250mg", "1.01", "Uống",
                "Viên nén bao phim", "Viên", "VD-23456-22", 4200, 4500, 100, null, null));
        rows.add(row(3, "40.48", "Paracetamol 500mg", "40.48", "Paracetamol", "500mg", "1.01", "Uống", "Viên nén",
                "Viên", "VD-34567-20", 350, 380, 100, null, null));
        rows.add(row(4, "40.49", "Paracetamol 1g/100ml", "40.48", "Paracetamol", "1g/100ml", "2.15",
                "Tiêm truyền tĩnh mạch", "Dung dịch tiêm truyền", "Chai", "VN-11223-19", 28500, 29000, 100, null,
                null));
        rows.add(row(5, "40.677", "Omeprazol 20mg", "40.677", "Omeprazol", "20mg", "1.01", "Uống", "Viên nang",
                "Viên", "VD-45678-21", 650, 700, 100, null, null));
        rows.add(row(6, "40.563", "Insulin glargine 100UI/ml", "40.563", "Insulin glargine", "100UI/ml", "2.10",
                "Tiêm dưới da", "Dung dịch tiêm (bút tiêm)", "Bút", "QLSP-0789-18", 215000.5, 230000, 50, null,
                "Thanh toán 50%"));
        rows.add(row(7, "40.336", "Amlodipin 5mg", "40.336", "Amlodipin", "5mg", "1.01", "Uống", "Viên nén",
                "Viên", "VD-56789-23", 210, null, 100, null, null));
        rows.add(row(8, "40.1005", "Natri clorid 0.9% 500ml", "40.1005", "Natri clorid", "0.9%", "2.15",
                "Tiêm truyền tĩnh mạch", "Dung dịch tiêm truyền", "Chai", "VD-67890-24", 9800, 10500, 100, null,
                null));
        return rows;
    }

    static List<List<Object>> serviceRows() {
        List<List<Object>> rows = titled("DANH MỤC DỊCH VỤ KỸ THUẬT VÀ GIÁ (mã CC.KKKK.GGGG)",
                row("STT", "MA_DICH_VU", "TEN_DICH_VU", "DON_VI_TINH", "DON_GIA_BH", "DON_GIA_BV", "TYLE_TT_BH",
                        "QUYET_DINH"));
        rows.add(row(1, "18.0001.0001", "Siêu âm ổ bụng (gan mật, tụy, lách, thận, bàng quang)", "Lần", 43900,
                45000, null, "Mẫu"));
        rows.add(row(2, "18.0068.0028", "Chụp X-quang ngực thẳng", "Lần", 65400, 70000, null, "Mẫu"));
        rows.add(row(3, "22.0120.1370", "Tổng phân tích tế bào máu ngoại vi (bằng máy đếm laser)", "Lần", 40400,
                42000, null, "Mẫu"));
        rows.add(row(4, "23.0003.1494", "Định lượng Glucose [Máu]", "Lần", 21500, 22000, null, "Mẫu"));
        rows.add(row(5, "21.0014.1778", "Điện tim thường", "Lần", 32800, 35000, null, "Mẫu"));
        rows.add(row(6, "10.0569.0571", "Phẫu thuật nội soi cắt ruột thừa", "Lần", 2826000, 3100000, 100, "Mẫu"));
        return rows;
    }

    static List<List<Object>> supplyRows() {
        List<List<Object>> rows = titled("DANH MỤC VẬT TƯ Y TẾ",
                row("STT", "MA_VAT_TU", "TEN_VAT_TU", "MA_NHOM_VTYT", "MA_HIEU_SP", "DON_VI_TINH", "DON_GIA_BH",
                        "TYLE_TT_BH"));
        rows.add(row(1, "N03.01.070", "Bơm tiêm nhựa dùng một lần 5ml", "N03.01", "BT-5ML", "Cái", 850, null));
        rows.add(row(2, "N04.01.010", "Kim luồn tĩnh mạch 22G", "N04.01", "KL-22G", "Cái", 9500, null));
        rows.add(row(3, "N06.04.020", "Chỉ phẫu thuật tự tiêu số 2/0", "N06.04", "CT-20", "Sợi", 45000, 100));
        rows.add(row(4, "N07.01.030", "Stent động mạch vành phủ thuốc", "N07.01", "ST-DES-3018", "Cái", 36000000,
                50));
        rows.add(row(5, "N01.02.040", "Găng tay phẫu thuật tiệt trùng", "N01.02", "GT-75", "Đôi", 4200, null));
        return rows;
    }

    static List<List<Object>> bedRows() {
        List<List<Object>> rows = titled("DANH MỤC GIƯỜNG BỆNH",
                row("MA_KHOA", "MA_GIUONG", "TEN_GIUONG", "LOAI_GIUONG", "MA_DICH_VU", "DON_GIA_BH", "DON_GIA_BV"));
        rows.add(row("K03", "H001", "Giường H001 - Khoa Nội tổng hợp", "Giường kế hoạch", "K03.1901", 249000,
                260000));
        rows.add(row("K03", "H002", "Giường H002 - Khoa Nội tổng hợp", "Giường kế hoạch", "K03.1901", 249000,
                260000));
        rows.add(row("K03", "T001", "Giường T001 - Khoa Nội tổng hợp", "Giường kê thêm", "K03.1901", 249000,
                260000));
        rows.add(row("K19", "H001", "Giường H001 - Khoa Ngoại tổng hợp", "Giường kế hoạch", "K19.1912", 299000,
                310000));
        rows.add(row("K19", "C001", "Giường C001 - Khoa Ngoại tổng hợp", "Giường tự chọn", "K19.1912", 299000,
                650000));
        return rows;
    }

    static List<List<Object>> departmentRows() {
        List<List<Object>> rows = titled("DANH MỤC KHOA (MA_KHOA)",
                row("STT", "MA_KHOA", "TEN_KHOA", "MA_KHOA_CHA"));
        rows.add(row(1, "K01", "Khoa Khám bệnh", null));
        rows.add(row(2, "K02", "Khoa Hồi sức cấp cứu", null));
        rows.add(row(3, "K02.D35", "Đơn vị Đột quỵ", "K02"));
        rows.add(row(4, "K03", "Khoa Nội tổng hợp", null));
        rows.add(row(5, "K0809", "Khoa Nội tiết - Thần kinh", null));
        rows.add(row(6, "K16.1", "Khoa Ung bướu - Đơn vị Hóa trị", null));
        rows.add(row(7, "K19", "Khoa Ngoại tổng hợp", null));
        rows.add(row(8, "K99", "Khoa khác", null));
        return rows;
    }

    static List<List<Object>> patientCategoryRows() {
        List<List<Object>> rows = titled("DANH MỤC ĐỐI TƯỢNG KHÁM BỆNH, CHỮA BỆNH (MA_DOITUONG_KCB)",
                row("MA_DOITUONG_KCB", "TEN_DOITUONG_KCB", "MUC_HUONG"));
        rows.add(row("1.1", "Người bệnh BHYT khám, chữa bệnh ban đầu đúng nơi đăng ký (mẫu)", 100));
        rows.add(row("1.2", "Người bệnh BHYT được chuyển tuyến đúng quy định (mẫu)", 100));
        rows.add(row("1.10", "Người bệnh BHYT thông tuyến nội trú (mẫu)", 100));
        rows.add(row("2", "Cấp cứu", 100));
        rows.add(row("3.1", "Người bệnh BHYT tự đi khám, chữa bệnh không đúng tuyến (mẫu)", 40));
        rows.add(row("8", "Thu hồi đề nghị thanh toán", null));
        rows.add(row("9", "Người bệnh không khám bệnh, chữa bệnh BHYT", 0));
        return rows;
    }

    static List<List<Object>> visitTypeRows(boolean from2026) {
        List<List<Object>> rows = titled(from2026
                        ? "DANH MỤC HÌNH THỨC KCB (MA_LOAI_KCB) — áp dụng từ 01/08/2026"
                        : "DANH MỤC HÌNH THỨC KCB (MA_LOAI_KCB)",
                row("MA_LOAI_KCB", "TEN_LOAI_KCB"));
        rows.add(row("01", "Khám bệnh"));
        rows.add(row("02", "Điều trị ngoại trú"));
        rows.add(row("03", "Điều trị nội trú"));
        rows.add(row("04", from2026 ? "Điều trị ban ngày" : "Điều trị nội trú ban ngày"));
        rows.add(row("05", "Điều trị ngoại trú bệnh mạn tính (khám và lĩnh thuốc)"));
        rows.add(row("06", "Điều trị lưu tại trạm y tế xã, phòng khám đa khoa khu vực"));
        rows.add(row("07", "Nhận thuốc theo hẹn (không khám)"));
        rows.add(row("08", "Điều trị ngoại trú bệnh mạn tính (có thực hiện DVKT hoặc sử dụng thuốc)"));
        rows.add(row("09", "Điều trị nội trú dưới 04 giờ"));
        rows.add(row("10", "Các trường hợp khác"));
        if (from2026) {
            rows.add(row("11", "Khám bệnh, chữa bệnh lưu động"));
            rows.add(row("12", "Khám bệnh, chữa bệnh tại nhà"));
            rows.add(row("13", "Y học gia đình"));
            rows.add(row("14", "Khám bệnh, chữa bệnh từ xa"));
            rows.add(row("15", "Khám sức khỏe định kỳ"));
            rows.add(row("16", "Khám sàng lọc"));
        }
        return rows;
    }
}

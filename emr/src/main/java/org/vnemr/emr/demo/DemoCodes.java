package org.vnemr.emr.demo;

import java.util.List;

/**
 * The clinical vocabulary the demo draws from: common ICD-10 codes (QĐ 4469/QĐ-BYT names) with who may carry them,
 * the sample catalogue's drugs with a Vietnamese sig, and the services ordered for each complaint.
 */
final class DemoCodes {

    static final String ICD10 = "http://fhir.hl7.org.vn/core/CodeSystem/vn-icd10-cs";

    /**
     * @param minAge  youngest age the code is plausible for (chronic adult diseases)
     * @param drugs   MA_THUOC of the sample drug catalogue prescribed for it
     * @param tests   MA_DICH_VU of the sample service catalogue ordered for it
     */
    record Diagnosis(String code, String name, boolean chronic, int minAge, List<String> drugs, List<String> tests) {
    }

    /** @param perUnit dose units in one dispensed unit (300 UI in an insulin pen; 1 for tablets) */
    record Drug(String code, String sig, int perDay, int dose, String doseUnit, int days, int perUnit) {
    }

    static final String CBC = "22.0120.1370";
    static final String GLUCOSE = "23.0003.1494";
    static final String CHEST_XRAY = "18.0068.0028";
    static final String ECG = "21.0014.1778";
    static final String ABDOMEN_ULTRASOUND = "18.0001.0001";
    static final String APPENDECTOMY = "10.0569.0571";
    static final String SALINE = "40.1005";
    static final String IV_PARACETAMOL = "40.49";
    static final String CANNULA = "N04.01.010";
    static final String SYRINGE = "N03.01.070";

    static final List<Diagnosis> ACUTE = List.of(
            new Diagnosis("J06.9", "Nhiễm trùng đường hô hấp trên cấp, không phân loại", false, 0,
                    List.of("40.48"), List.of()),
            new Diagnosis("J20.9", "Viêm phế quản cấp, không phân loại", false, 0, List.of("40.17", "40.48"),
                    List.of(CBC)),
            new Diagnosis("J18.9", "Viêm phổi, không đặc hiệu", false, 0, List.of("40.21", "40.48"),
                    List.of(CBC, CHEST_XRAY)),
            new Diagnosis("J02.9", "Viêm họng cấp, không đặc hiệu", false, 0, List.of("40.17", "40.48"), List.of()),
            new Diagnosis("K29.7", "Viêm dạ dày, không đặc hiệu", false, 12, List.of("40.677"),
                    List.of(ABDOMEN_ULTRASOUND)),
            new Diagnosis("A09", "Viêm dạ dày - ruột và đại tràng do nguyên nhân nhiễm trùng và chưa xác định được "
                    + "nguồn gốc nhiễm trùng", false, 0, List.of("40.48"), List.of(CBC)),
            new Diagnosis("M54.5", "Đau cột sống thắt lưng", false, 18, List.of("40.48"), List.of()),
            new Diagnosis("N39.0", "Nhiễm khuẩn hệ tiết niệu, vị trí không xác định", false, 0, List.of("40.21"),
                    List.of(CBC)));

    static final List<Diagnosis> CHRONIC = List.of(
            new Diagnosis("I10", "Bệnh lý tăng huyết áp", true, 35, List.of("40.336"), List.of(ECG)),
            new Diagnosis("E11.9", "Bệnh đái tháo đường không phụ thuộc insuline (Chưa có biến chứng)", true, 35,
                    List.of("40.563"), List.of(GLUCOSE)),
            new Diagnosis("K21.0", "Bệnh trào ngược dạ dày - thực quản với viêm thực quản", true, 18,
                    List.of("40.677"), List.of()),
            new Diagnosis("E78.5", "Tăng lipid máu, không đặc hiệu", true, 35, List.of(), List.of(GLUCOSE)));

    /** Reasons for an inpatient stay, by department kind. */
    static final Diagnosis PNEUMONIA = ACUTE.get(2);
    static final Diagnosis GASTROENTERITIS = ACUTE.get(5);
    static final Diagnosis APPENDICITIS = new Diagnosis("K35.8",
            "Viêm ruột thừa cấp tính, khác và không đặc hiệu", false, 5, List.of("40.21", "40.48"),
            List.of(CBC, ABDOMEN_ULTRASOUND));

    static final List<Drug> DRUGS = List.of(
            new Drug("40.17", "Uống 1 viên/lần, ngày 3 lần sau ăn", 3, 1, "viên", 7, 1),
            new Drug("40.21", "Uống 1 viên/lần, ngày 2 lần sau ăn sáng và tối", 2, 1, "viên", 7, 1),
            new Drug("40.48", "Uống 1 viên/lần khi sốt trên 38,5 °C hoặc đau, ngày tối đa 3 lần", 3, 1, "viên", 3, 1),
            new Drug("40.677", "Uống 1 viên trước ăn sáng 30 phút", 1, 1, "viên", 14, 1),
            new Drug("40.336", "Uống 1 viên buổi sáng", 1, 1, "viên", 30, 1),
            new Drug("40.563", "Tiêm dưới da 10 đơn vị trước khi ngủ", 1, 10, "UI", 30, 300),
            new Drug(SALINE, "Truyền tĩnh mạch 500 ml/ngày, XL giọt/phút", 1, 1, "chai", 3, 1),
            new Drug(IV_PARACETAMOL, "Truyền tĩnh mạch 1 g khi sốt trên 38,5 °C, cách nhau ít nhất 6 giờ", 2, 1,
                    "chai", 2, 1));

    static Drug drug(String code) {
        return DRUGS.stream().filter(d -> d.code().equals(code)).findFirst().orElseThrow();
    }

    /** Reasons for a visit as the patient says them (lý do khám), by ICD-10 chapter letter. */
    static String reason(Diagnosis d) {
        return switch (d.code().substring(0, 1)) {
            case "J" -> "Ho, sốt, đau họng";
            case "K" -> d.code().startsWith("K35") ? "Đau bụng hố chậu phải" : "Đau thượng vị, ợ chua";
            case "A" -> "Tiêu chảy, đau bụng";
            case "M" -> "Đau lưng";
            case "N" -> "Tiểu buốt, tiểu rắt";
            case "I" -> "Tái khám tăng huyết áp";
            case "E" -> "Tái khám, lấy thuốc điều trị bệnh mạn tính";
            default -> "Khám bệnh";
        };
    }

    private DemoCodes() {
    }
}

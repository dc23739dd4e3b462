package org.vnemr.emr.outpatient;

import org.hl7.fhir.r4.model.ServiceRequest;

import java.util.Optional;

/**
 * Xét nghiệm / chẩn đoán hình ảnh / thủ thuật: the SNOMED category of an order (clinical-data.md). The service
 * catalogue has no group column, so the chapter of the DVKT code (CC of CC.KKKK.GGGG, QĐ 2010/QĐ-BYT) decides:
 * 18 imaging, 22–26 laboratory (haematology, biochemistry, microbiology, pathology, …), everything else a
 * procedure (functional tests, surgery, treatments).
 */
enum OrderCategory {
    LAB(VisitCodes.LAB, "Xét nghiệm", "Laboratory"),
    IMAGING(VisitCodes.IMAGING, "Chẩn đoán hình ảnh", "Imaging"),
    PROCEDURE(VisitCodes.PROCEDURE, "Thủ thuật, phẫu thuật, thăm dò", "Procedure");

    private final String snomed;
    private final String label;
    private final String english;

    OrderCategory(String snomed, String label, String english) {
        this.snomed = snomed;
        this.label = label;
        this.english = english;
    }

    String snomed() {
        return snomed;
    }

    String label() {
        return label;
    }

    String english() {
        return english;
    }

    static OrderCategory ofServiceCode(String code) {
        String chapter = code == null || code.length() < 2 ? "" : code.substring(0, 2);
        return switch (chapter) {
            case "18" -> IMAGING;
            case "22", "23", "24", "25", "26" -> LAB;
            default -> PROCEDURE;
        };
    }

    static Optional<OrderCategory> of(ServiceRequest request) {
        for (OrderCategory c : values()) {
            if (request.getCategory().stream().anyMatch(cc -> cc.hasCoding(VisitCodes.SNOMED, c.snomed))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}

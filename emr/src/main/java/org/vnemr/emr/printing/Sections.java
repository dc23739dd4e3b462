package org.vnemr.emr.printing;

import org.hl7.fhir.r4.model.Composition;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The narrative sections of a Composition on paper: the ones a Ministry form names are printed in the form's order
 * under the form's label (a dotted line when the record lacks them, so the paper still shows the field), then any
 * other section under its own title — nothing the doctor wrote is left off.
 */
final class Sections {

    private Sections() {
    }

    /** Ordered section code → label on the form. */
    static Map<String, String> of(String... codesAndLabels) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < codesAndLabels.length; i += 2) {
            map.put(codesAndLabels[i], codesAndLabels[i + 1]);
        }
        return map;
    }

    /**
     * The insurance-standard field each named section holds, for documents whose form stored the typed values as
     * record fields (the discharge screen does) rather than one section per field.
     */
    static final Map<String, String> XML_FIELD = Map.of("phuong-phap-dieu-tri", "PP_DIEUTRI",
            "qua-trinh-benh-ly", "QT_BENHLY", "tom-tat-ket-qua-cls", "TOMTAT_KQ", "dau-hieu-lam-sang", "DAU_HIEU_LS",
            "huong-dieu-tri", "HUONG_DIEU_TRI", "phuong-tien-van-chuyen", "PHUONGTIEN_VC",
            "tinh-trang-chuyen-tuyen", "TINH_TRANG_CT", "nguoi-ho-tong", "HOTEN_NGUOI_HT");

    /** The form's fields, label and text on one paragraph each: the section, else the record field. */
    static void named(PaperCanvas canvas, Composition composition, Map<String, String> form) {
        form.forEach((code, label) -> {
            String text = PaperText.section(composition, code);
            if (text == null && XML_FIELD.containsKey(code)) {
                text = PaperText.field(composition, XML_FIELD.get(code));
            }
            canvas.field(label, text);
        });
    }

    /** Every section not named by the form: its title as a heading, then its narrative. */
    static void others(PaperCanvas canvas, Composition composition, Set<String> named) {
        for (Composition.SectionComponent section : composition.getSection()) {
            if (PaperText.hasCode(section, named)) {
                continue;
            }
            String text = PaperText.narrative(section.getText());
            if (text == null && !section.hasTitle()) {
                continue;
            }
            canvas.heading(section.hasTitle() ? section.getTitle() : "");
            canvas.text(text);
        }
    }
}

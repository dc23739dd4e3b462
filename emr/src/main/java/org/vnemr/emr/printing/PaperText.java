package org.vnemr.emr.printing;

import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Set;

/** Cách ghi ngày giờ, tuổi và lời văn trên giấy in: Vietnamese formats in the facility's time zone. */
final class PaperText {

    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("HH 'giờ' mm 'phút, ngày' dd/MM/yyyy");
    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "table",
            "ul", "ol");

    private PaperText() {
    }

    static String date(Date date) {
        return date == null ? null : DATE.format(date.toInstant().atZone(ZONE));
    }

    static String dateTime(Date date) {
        return date == null ? null : DATE_TIME.format(date.toInstant().atZone(ZONE));
    }

    /** "Ngày 05 tháng 11 năm 2026" — the form's date line. */
    static String dateLine(Instant instant) {
        ZonedDateTime t = instant.atZone(ZONE);
        return String.format("Ngày %02d tháng %02d năm %d", t.getDayOfMonth(), t.getMonthValue(), t.getYear());
    }

    static String dateLine(Date date) {
        return date == null ? "Ngày …… tháng …… năm ………" : dateLine(date.toInstant());
    }

    /** Age as printed: years, or months under 6 years (72 months, as the prescription rules ask). */
    static String age(Date birthDate, Instant at) {
        if (birthDate == null) {
            return null;
        }
        LocalDate born = birthDate.toInstant().atZone(ZONE).toLocalDate();
        Period p = Period.between(born, at.atZone(ZONE).toLocalDate());
        if (p.isNegative()) {
            return null;
        }
        int months = p.getYears() * 12 + p.getMonths();
        return months < 72 ? months + " tháng" : String.valueOf(p.getYears());
    }

    /** The narrative of a section as plain text, one line per paragraph, list item or table row. */
    static String narrative(Narrative narrative) {
        if (narrative == null || narrative.getDiv() == null || narrative.getDiv().isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        walk(narrative.getDiv(), out);
        String text = out.toString().replaceAll("[ \\t\\x0B\\f]+", " ").replaceAll(" *\\n *", "\n")
                .replaceAll("\\n{2,}", "\n").strip();
        return text.isEmpty() ? null : text;
    }

    private static void walk(XhtmlNode node, StringBuilder out) {
        if (node.getNodeType() == NodeType.Text) {
            out.append(node.getContent());
            return;
        }
        if (node.getNodeType() == NodeType.Comment) {
            return;
        }
        String name = node.getName() == null ? "" : node.getName().toLowerCase(java.util.Locale.ROOT);
        boolean block = BLOCKS.contains(name);
        if (block) {
            out.append('\n');
        }
        if ("li".equals(name)) {
            out.append("- ");
        }
        for (XhtmlNode child : node.getChildNodes()) {
            walk(child, out);
            if ("td".equals(name) || "th".equals(name)) {
                out.append(' ');
            }
        }
        if (block) {
            out.append('\n');
        }
    }

    /** The first section with this code in {@code V/CodeSystem/document-section}, as plain text. */
    static String section(Composition composition, String code) {
        for (Composition.SectionComponent s : composition.getSection()) {
            if (s.getCode().getCoding().stream().anyMatch(c -> PrintRecords.DOCUMENT_SECTION.equals(c.getSystem())
                    && code.equals(c.getCode()))) {
                return narrative(s.getText());
            }
        }
        return null;
    }

    /** The record-field extension (forms store each typed value under its field id, see clinical-data.md). */
    static final String RECORD_FIELD = "https://vnemr.org/fhir/StructureDefinition/record-field";

    /**
     * A value a form stored under its field id (for papers of the insurance standard, the XML field name such as
     * {@code PP_DIEUTRI}), in any section or sub-section; null when the document has none.
     */
    static String field(Composition composition, String id) {
        return field(composition.getSection(), id);
    }

    private static String field(java.util.List<Composition.SectionComponent> sections, String id) {
        for (Composition.SectionComponent section : sections) {
            for (org.hl7.fhir.r4.model.Extension field : section.getExtensionsByUrl(RECORD_FIELD)) {
                org.hl7.fhir.r4.model.Extension name = field.getExtensionByUrl("id");
                org.hl7.fhir.r4.model.Extension value = field.getExtensionByUrl("value");
                if (name != null && value != null && id.equals(name.getValue().primitiveValue())) {
                    return value.getValue().primitiveValue();
                }
            }
            String nested = field(section.getSection(), id);
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }

    /** True when a section carries one of the codes a paper prints in its own place. */
    static boolean hasCode(Composition.SectionComponent section, Set<String> codes) {
        return section.getCode().getCoding().stream()
                .anyMatch(c -> PrintRecords.DOCUMENT_SECTION.equals(c.getSystem()) && codes.contains(c.getCode()));
    }
}

package org.vnemr.terminology.icd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vnemr.terminology.codesystem.CodeSystemBuilder;
import org.vnemr.terminology.importing.CsvRows;
import org.vnemr.terminology.importing.DataFileException;
import org.vnemr.terminology.importing.XlsxRows;

import java.io.InputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports ICD-10 VN (QĐ 4469/QĐ-BYT, 2020) into one CodeSystem with the hierarchy chapter → block (main group,
 * sub-groups) → category (3 characters, "loại") → disease code, Vietnamese displays and English designations,
 * from the CSV export of the list sheet; then adds the validation annexes of the appendix workbook as concept
 * properties:
 * <ul>
 *   <li>A4.1 / A4.2 — codes for one sex only → {@code sex} = {@code female} / {@code male};</li>
 *   <li>A3.1 … A3.10 — codes valid only at some ages → {@code age-rule} = "A3.5 >27d.." (annex and
 *       {@link AgeRange} spec read from the annex heading);</li>
 *   <li>A2 — codes not to be used as the principal diagnosis → {@code not-principal};</li>
 *   <li>A1 — dagger/asterisk pairs → {@code asterisk-pair} on the dagger code;</li>
 *   <li>E, E1 — the DRG major diagnostic category → {@code mdc}.</li>
 * </ul>
 * A sex or age rule on a category holds for its codes, and a category whose codes all share one rule gets it
 * too (the annexes list O80.0 … O80.9 but a clinician may record O80); a rule on a 5-character site code the list
 * does not carry goes to its 4-character code. Codes keep the dot (J18.9); the
 * daggers and asterisks of the list become the boolean properties {@code dagger} and {@code asterisk}.
 */
public final class Icd10VnImporter {

    public static final String URL = "http://fhir.hl7.org.vn/core/CodeSystem/vn-icd10-cs";
    /** The international ICD-10 canonical: lookups accept it for ICD-10 VN. */
    public static final String INTERNATIONAL_URL = "http://hl7.org/fhir/sid/icd-10";
    public static final String VALUE_SET_URL = "https://vnemr.org/fhir/ValueSet/vn-icd10-all";
    public static final String CODE_SYSTEM_ID = "vn-icd10-cs";
    public static final String VALUE_SET_ID = "vn-icd10-all";
    public static final String VERSION = "QD4469-2020";

    private static final Pattern MARKERS = Pattern.compile("[†*+\\s]");
    private static final Pattern APPENDIX_CODE = Pattern.compile("[A-Z]\\d{2}[0-9A-Z.]{0,4}");
    private static final Pattern ANNEX = Pattern.compile("Phụ lục\\s+([AE]\\d*(?:\\.\\d+)?)(?![\\p{L}\\d])");

    /** Counts of what was read, for the log and the tests. */
    public record Stats(int concepts, int chapters, int blocks, int categories, int diseases,
                        Map<String, Integer> appendixRules, Set<String> unknownAppendixCodes,
                        Map<String, Integer> unknownByAnnex, int rulesOnShorterCode) {
    }

    /** The CodeSystem and its all-codes ValueSet, with the stats. */
    public record Result(List<ObjectNode> resources, Stats stats) {
    }

    private final CodeSystemBuilder builder = new CodeSystemBuilder(CODE_SYSTEM_ID, URL, VERSION, "VnIcd10",
            "Danh mục ICD-10 Việt Nam (QĐ 4469/QĐ-BYT)", VALUE_SET_URL);
    /** The file's own dotless form (MÃ BỆNH KHÔNG DẤU) → our dotted code, for the appendix sheets. */
    private final Map<String, String> byDotless = new HashMap<>();
    private final Map<String, Integer> appendixRules = new LinkedHashMap<>();
    private final Set<String> unknownAppendixCodes = new TreeSet<>();
    private final Map<String, Integer> unknownByAnnex = new LinkedHashMap<>();
    private int chapters;
    private int shortenedCodes;
    private int blocks;
    private int categories;
    private int diseases;

    private Icd10VnImporter() {
        builder.publisher("Bộ Y tế Việt Nam", "Phân loại quốc tế bệnh tật ICD-10 theo Quyết định 4469/QĐ-BYT "
                + "ngày 28/10/2020, kèm các phụ lục kiểm tra mã (giới tính, tuổi, mã kép, mã không dùng là bệnh chính).")
                .property("parent", "code", "Mã cha (chương, nhóm, loại)")
                .property("kind", "code", "chapter | block | category | disease")
                .property("notSelectable", "boolean", "Mã chương/nhóm: không dùng làm mã chẩn đoán")
                .property("chapter-number", "string", "Số chương (I … XXII)")
                .property("dagger", "boolean", "Mã nguyên nhân (†)")
                .property("asterisk", "boolean", "Mã biểu hiện (*)")
                .property("sex", "code", "Chỉ dùng cho giới (Phụ lục A4.1 nữ, A4.2 nam)")
                .property("age-rule", "string", "Tuổi hợp lệ (Phụ lục A3.x): phụ lục và khoảng tuổi")
                .property("not-principal", "boolean", "Không dùng là bệnh chính (Phụ lục A2)")
                .property("asterisk-pair", "code", "Mã (*) đi kèm mã (†) này (Phụ lục A1)")
                .property("mdc", "string", "Nhóm chẩn đoán chính DRG (Phụ lục E, E1)");
    }

    /**
     * @param csv      the list sheet as CSV (columns by their Vietnamese/English headings)
     * @param appendix the appendix workbook, or null to import the list alone
     */
    public static Result importFrom(InputStream csv, String csvName, InputStream appendix, String appendixName) {
        Icd10VnImporter importer = new Icd10VnImporter();
        importer.readList(csv, csvName);
        if (appendix != null) {
            importer.readAppendix(appendix, appendixName);
            importer.spreadRule("sex");
            importer.spreadRule("age-rule");
        }
        Stats stats = new Stats(importer.chapters + importer.blocks + importer.categories + importer.diseases,
                importer.chapters, importer.blocks, importer.categories, importer.diseases,
                Map.copyOf(importer.appendixRules), Set.copyOf(importer.unknownAppendixCodes),
                Map.copyOf(importer.unknownByAnnex), importer.shortenedCodes);
        return new Result(importer.builder.build(VALUE_SET_ID), stats);
    }

    // ---- the list ------------------------------------------------------------------------------------------

    private void readList(InputStream csv, String fileName) {
        List<List<String>> rows = new ArrayList<>();
        CsvRows.read(csv, fileName, rows::add);
        if (rows.isEmpty()) {
            throw new DataFileException(fileName, "empty");
        }
        Columns col = new Columns(rows.get(0), fileName);
        int chapterNo = col.index("STT CHƯƠNG");
        int chapter = col.index("MÃ CHƯƠNG");
        int chapterVi = col.index("TÊN CHƯƠNG");
        int chapterEn = col.index("CHAPTER NAME");
        int[] groupCode = {col.index("MÃ NHÓM CHÍNH"), col.index("MÃ NHÓM PHỤ 1"), col.index("MÃ NHÓM PHỤ 2")};
        int[] groupVi = {col.index("TÊN NHÓM CHÍNH"), col.index("TÊN NHÓM PHỤ 1"), col.index("TÊN NHÓM PHỤ 2")};
        int[] groupEn = {col.index("MAIN GROUP NAME I"), col.index("SUB GROUP NAME I"), col.index("SUB GROUP NAME II")};
        int type = col.index("MÃ LOẠI");
        int typeVi = col.index("TÊN LOẠI");
        int typeEn = col.index("TYPE NAME");
        int disease = col.index("MÃ BỆNH");
        int dotless = col.index("MÃ BỆNH KHÔNG DẤU");
        int diseaseVi = col.index("TÊN BỆNH");
        int diseaseEn = col.index("DISEASE NAME");
        List<String[]> diseaseParents = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() < col.size() || get(row, disease).isEmpty()) {
                continue; // trailing blank lines
            }
            String parent = null;
            String chapterCode = get(row, chapter);
            if (!chapterCode.isEmpty()) {
                parent = grouping(chapterCode, get(row, chapterVi), get(row, chapterEn), null, "chapter");
                CodeSystemBuilder.stringProperty(builder.get(chapterCode), "chapter-number", get(row, chapterNo));
            }
            for (int g = 0; g < groupCode.length; g++) {
                String code = get(row, groupCode[g]);
                if (!code.isEmpty()) {
                    parent = grouping(code, get(row, groupVi[g]), get(row, groupEn[g]), parent, "block");
                }
            }
            String rawType = get(row, type);
            String category = clean(rawType);
            if (category.isEmpty()) {
                throw new DataFileException(fileName, "row " + (r + 1) + ": no category code (MÃ LOẠI)");
            }
            if (!builder.has(category)) {
                ObjectNode c = concept(category, get(row, typeVi), get(row, typeEn), parent, "category");
                markers(c, rawType);
                categories++;
            }
            String rawCode = get(row, disease);
            String code = clean(rawCode);
            byDotless.putIfAbsent(get(row, dotless), code);
            byDotless.putIfAbsent(code.replace(".", ""), code);
            if (code.equals(category)) {
                markers(builder.get(category), rawCode);
                continue;
            }
            if (!builder.has(code)) {
                concept(code, get(row, diseaseVi), get(row, diseaseEn), null, "disease");
                diseases++;
                diseaseParents.add(new String[] {code, category});
            }
            markers(builder.get(code), rawCode);
        }
        // a code's parent is the longest code it extends (M80.00 → M80.0 → M80); the category column only when
        // none exists (the list files I79.2 under I80)
        for (String[] pair : diseaseParents) {
            String code = pair[0];
            String parent = pair[1];
            for (String prefix = code.substring(0, code.length() - 1); prefix.length() >= 3;
                 prefix = prefix.substring(0, prefix.length() - 1)) {
                String candidate = prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
                if (!candidate.equals(code) && builder.has(candidate)) {
                    parent = candidate;
                    break;
                }
            }
            CodeSystemBuilder.codeProperty(builder.get(code), "parent", parent);
        }
    }

    private String grouping(String code, String vi, String en, String parent, String kind) {
        if (!builder.has(code)) {
            ObjectNode c = concept(code, vi, en, parent, kind);
            CodeSystemBuilder.booleanProperty(c, "notSelectable", true);
            if ("chapter".equals(kind)) {
                chapters++;
            } else {
                blocks++;
            }
        }
        return code;
    }

    private ObjectNode concept(String code, String vi, String en, String parent, String kind) {
        ObjectNode c = builder.concept(code, vi.isBlank() ? en : vi);
        CodeSystemBuilder.designation(c, "en", en);
        if (parent != null) {
            CodeSystemBuilder.codeProperty(c, "parent", parent);
        }
        CodeSystemBuilder.codeProperty(c, "kind", kind);
        return c;
    }

    private static void markers(ObjectNode concept, String raw) {
        if (raw.contains("†") || raw.contains("+")) {
            CodeSystemBuilder.booleanProperty(concept, "dagger", true);
        }
        if (raw.contains("*")) {
            CodeSystemBuilder.booleanProperty(concept, "asterisk", true);
        }
    }

    private static String clean(String code) {
        return MARKERS.matcher(code).replaceAll("").toUpperCase(Locale.ROOT);
    }

    private static String get(List<String> row, int index) {
        return index < row.size() ? row.get(index).trim() : "";
    }

    // ---- the appendix --------------------------------------------------------------------------------------

    private void readAppendix(InputStream xlsx, String fileName) {
        Map<String, String[]> heading = new HashMap<>(); // sheet → {annex, rule value or null}
        XlsxRows.read(xlsx, fileName, sheet -> !sheet.startsWith("ICD10"), (sheet, rowIndex, cells) -> {
            String first = cells.isEmpty() ? "" : nfc(cells.get(0));
            Matcher annex = ANNEX.matcher(first);
            if (annex.find()) {
                heading.put(sheet, new String[] {annex.group(1), ruleOf(annex.group(1), first, fileName)});
                return;
            }
            String[] current = heading.get(sheet);
            if (current == null || !APPENDIX_CODE.matcher(first).matches()) {
                return; // title lines, column headings, blank rows
            }
            apply(current[0], current[1], cells);
        });
        if (appendixRules.isEmpty()) {
            throw new DataFileException(fileName, "no annex sheets (A1, A2, A3.x, A4.x, E) found");
        }
    }

    /** The property value the rows under this heading get, or null when the annex needs the row itself. */
    private static String ruleOf(String annex, String heading, String fileName) {
        String lower = heading.toLowerCase(Locale.ROOT);
        if (annex.startsWith("A4")) {
            if (lower.contains("giới nữ")) {
                return "female";
            }
            if (lower.contains("giới nam")) {
                return "male";
            }
            throw new DataFileException(fileName, "annex " + annex + " names no sex: " + heading);
        }
        if (annex.startsWith("A3")) {
            AgeRange range = AgeRange.fromHeading(heading);
            if (range == null) {
                throw new DataFileException(fileName, "annex " + annex + " names no age range: " + heading);
            }
            return annex + " " + range.spec();
        }
        return null;
    }

    private void apply(String annex, String rule, List<String> cells) {
        String code = resolve(cells.get(0));
        if (code == null && rule != null) {
            code = shortened(cells.get(0));
        }
        if (code == null) {
            unknownByAnnex.merge(annex, 1, Integer::sum);
            return;
        }
        ObjectNode concept = builder.get(code);
        if (annex.startsWith("A4")) {
            CodeSystemBuilder.codeProperty(concept, "sex", rule);
        } else if (annex.startsWith("A3")) {
            CodeSystemBuilder.stringProperty(concept, "age-rule", rule);
        } else if (annex.equals("A2")) {
            CodeSystemBuilder.booleanProperty(concept, "not-principal", true);
        } else if (annex.equals("A1")) {
            String asterisk = cells.size() > 2 ? resolve(cells.get(2)) : null;
            if (asterisk == null) {
                return;
            }
            CodeSystemBuilder.codeProperty(concept, "asterisk-pair", asterisk);
        } else if (annex.startsWith("E")) {
            String mdc = cells.size() > 3 ? cells.get(3).trim() : "";
            if (mdc.isEmpty()) {
                return;
            }
            CodeSystemBuilder.stringProperty(concept, "mdc", mdc);
        } else {
            return;
        }
        appendixRules.merge(annex, 1, Integer::sum);
    }

    /**
     * The sex and age annexes also list 5-character site codes (M8000 … M8009) that the list does not carry; the
     * rule then belongs to the 4-character code the list has (M80.0), the code a clinician can record.
     */
    private String shortened(String appendixCode) {
        String raw = clean(appendixCode).replace(".", "");
        if (raw.length() != 5) {
            return null;
        }
        String code = byDotless.get(raw.substring(0, 4));
        if (code != null) {
            unknownAppendixCodes.remove(raw);
            shortenedCodes++;
        }
        return code;
    }

    private String resolve(String appendixCode) {
        String raw = clean(appendixCode);
        if (raw.isEmpty()) {
            return null;
        }
        String code = byDotless.get(raw.replace(".", ""));
        if (code == null && builder.has(raw)) {
            code = raw;
        }
        if (code == null) {
            unknownAppendixCodes.add(raw);
        }
        return code;
    }

    /**
     * Down: codes under a category with the rule get it. Up: a category without it gets it when every code under
     * it has the same values.
     */
    private void spreadRule(String property) {
        Map<String, List<ObjectNode>> childrenOf = new HashMap<>();
        for (ObjectNode c : builder.concepts()) {
            for (String parent : CodeSystemBuilder.propertyValues(c, "parent")) {
                childrenOf.computeIfAbsent(parent, p -> new ArrayList<>()).add(c);
            }
        }
        for (ObjectNode c : builder.concepts()) { // file order: parents before their codes
            if (!"disease".equals(kindOf(c))) {
                continue;
            }
            if (CodeSystemBuilder.propertyValues(c, property).isEmpty()) {
                for (String parent : CodeSystemBuilder.propertyValues(c, "parent")) {
                    ObjectNode p = builder.get(parent);
                    if (p != null && !"block".equals(kindOf(p)) && !"chapter".equals(kindOf(p))) {
                        for (String v : CodeSystemBuilder.propertyValues(p, property)) {
                            addRule(c, property, v);
                        }
                    }
                }
            }
        }
        for (ObjectNode c : builder.concepts()) {
            if (!"category".equals(kindOf(c)) || !CodeSystemBuilder.propertyValues(c, property).isEmpty()) {
                continue;
            }
            List<ObjectNode> children = childrenOf.getOrDefault(c.path("code").asText(), List.of());
            if (children.isEmpty()) {
                continue;
            }
            Set<String> shared = new LinkedHashSet<>(CodeSystemBuilder.propertyValues(children.get(0), property));
            boolean same = !shared.isEmpty() && children.stream().allMatch(ch ->
                    new LinkedHashSet<>(CodeSystemBuilder.propertyValues(ch, property)).equals(shared));
            if (same) {
                shared.forEach(v -> addRule(c, property, v));
            }
        }
    }

    private static void addRule(ObjectNode concept, String property, String value) {
        if ("sex".equals(property)) {
            CodeSystemBuilder.codeProperty(concept, property, value);
        } else {
            CodeSystemBuilder.stringProperty(concept, property, value);
        }
    }

    private static String kindOf(ObjectNode concept) {
        List<String> kinds = CodeSystemBuilder.propertyValues(concept, "kind");
        return kinds.isEmpty() ? null : kinds.get(0);
    }

    private static String nfc(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /** Column positions by heading (NFC, case-insensitive), so a reordered export still imports. */
    private static final class Columns {

        private final Map<String, Integer> byName = new HashMap<>();
        private final String fileName;
        private final int size;

        Columns(List<String> header, String fileName) {
            this.fileName = fileName;
            this.size = header.size();
            for (int i = 0; i < header.size(); i++) {
                byName.putIfAbsent(key(header.get(i)), i);
            }
        }

        int index(String name) {
            Integer i = byName.get(key(name));
            if (i == null) {
                throw new DataFileException(fileName, "missing column \"" + name + "\"");
            }
            return i;
        }

        int size() {
            return size;
        }

        private static String key(String heading) {
            return nfc(heading).trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        }
    }
}

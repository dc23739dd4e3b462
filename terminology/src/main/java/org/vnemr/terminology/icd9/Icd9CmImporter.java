package org.vnemr.terminology.icd9;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.terminology.codesystem.CodeSystemBuilder;
import org.vnemr.terminology.importing.DataFileException;
import org.vnemr.terminology.importing.XlsxRows;

import java.io.InputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports ICD-9-CM Vol. 3 procedures as the Ministry of Health uses them (QĐ 4440/QĐ-BYT 2020, appendix 3): the
 * workbook maps each Vietnamese technique ("kỹ thuật tương đương", code like 01.0115.0297) to an ICD-9-CM code
 * with its Vietnamese name and chapter. It yields the ICD-9-CM CodeSystem (the codes the list uses, under their
 * chapters, a code under the longest code it extends: 88.73 → 88.7 when that is listed) and a ConceptMap
 * technique → ICD-9-CM, which {@code $translate} serves (MA_PTTT_QT of the insurance XML is filled from it).
 */
public final class Icd9CmImporter {

    public static final String URL = "http://hl7.org/fhir/sid/icd-9-cm";
    public static final String VALUE_SET_URL = "https://vnemr.org/fhir/ValueSet/icd-9-cm-vn-all";
    public static final String TECHNIQUE_SYSTEM = "https://vnemr.org/fhir/CodeSystem/dvkt-tuong-duong";
    public static final String CONCEPT_MAP_URL = "https://vnemr.org/fhir/ConceptMap/dvkt-to-icd-9-cm";
    public static final String VERSION = "QD4440-2020";

    private static final Pattern CHAPTER = Pattern.compile("\\(\\s*(\\d+\\s*-\\s*\\d+)\\s*\\)\\s*(.*)");

    /** Counts of what was read. */
    public record Stats(int codes, int chapters, int mappings, int rowsWithoutCode) {
    }

    public record Result(List<ObjectNode> resources, Stats stats) {
    }

    private Icd9CmImporter() {
    }

    public static Result importFrom(InputStream xlsx, String fileName) {
        Map<String, Integer> columns = new HashMap<>();
        List<List<String>> rows = new ArrayList<>();
        XlsxRows.read(xlsx, fileName, sheet -> true, (sheet, rowIndex, cells) -> {
            if (columns.isEmpty()) {
                for (int i = 0; i < cells.size(); i++) {
                    columns.putIfAbsent(key(cells.get(i)), i);
                }
                if (!columns.containsKey(key("Mã ICD-9"))) {
                    columns.clear(); // a title line above the headings
                }
                return;
            }
            rows.add(cells);
        });
        int code = column(columns, "Mã ICD-9", fileName);
        int name = column(columns, "Tên ICD-9", fileName);
        int chapter = column(columns, "Chương ICD-9", fileName);
        int technique = column(columns, "Mã tương đương", fileName);
        int techniqueName = column(columns, "Tên 21", fileName);

        CodeSystemBuilder builder = new CodeSystemBuilder("icd-9-cm-vn", URL, VERSION, "Icd9CmVol3Vn",
                "ICD-9-CM tập 3 — phân loại phẫu thuật, thủ thuật (QĐ 4440/QĐ-BYT)", VALUE_SET_URL)
                .publisher("Bộ Y tế Việt Nam", "Các mã ICD-9-CM tập 3 dùng trong danh mục kỹ thuật tương đương "
                        + "(Phụ lục 3, Quyết định 4440/QĐ-BYT ngày 27/10/2020), tên tiếng Việt theo phụ lục.")
                .property("parent", "code", "Mã cha (chương hoặc mã ngắn hơn)")
                .property("kind", "code", "chapter | procedure")
                .property("notSelectable", "boolean", "Mã chương: không dùng làm mã thủ thuật");
        Map<String, String> chapterOf = new LinkedHashMap<>();
        Map<String, String[]> mappings = new LinkedHashMap<>(); // technique → {name, icd9}
        int withoutCode = 0;
        int chapters = 0;
        for (List<String> row : rows) {
            String c = get(row, code);
            String t = get(row, technique);
            if (c.isEmpty()) {
                if (!t.isEmpty()) {
                    withoutCode++;
                }
                continue;
            }
            String chapterCode = null;
            Matcher m = CHAPTER.matcher(get(row, chapter));
            if (m.matches()) {
                chapterCode = m.group(1).replace(" ", "");
                if (!builder.has(chapterCode)) {
                    ObjectNode ch = builder.concept(chapterCode, capitalise(m.group(2)));
                    CodeSystemBuilder.codeProperty(ch, "kind", "chapter");
                    CodeSystemBuilder.booleanProperty(ch, "notSelectable", true);
                    chapters++;
                }
            }
            if (!builder.has(c)) {
                ObjectNode concept = builder.concept(c, get(row, name));
                CodeSystemBuilder.codeProperty(concept, "kind", "procedure");
                chapterOf.put(c, chapterCode);
            }
            if (!t.isEmpty()) {
                mappings.putIfAbsent(t, new String[] {get(row, techniqueName), c});
            }
        }
        for (Map.Entry<String, String> e : chapterOf.entrySet()) {
            String parent = e.getValue();
            String c = e.getKey();
            for (String prefix = c.substring(0, c.length() - 1); prefix.length() >= 2;
                 prefix = prefix.substring(0, prefix.length() - 1)) {
                String candidate = prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
                if (builder.has(candidate) && chapterOf.containsKey(candidate)) {
                    parent = candidate;
                    break;
                }
            }
            CodeSystemBuilder.codeProperty(builder.get(c), "parent", parent);
        }
        if (chapterOf.isEmpty()) {
            throw new DataFileException(fileName, "no ICD-9-CM codes");
        }
        List<ObjectNode> resources = new ArrayList<>(builder.build("icd-9-cm-vn-all"));
        resources.add(conceptMap(mappings));
        return new Result(resources, new Stats(chapterOf.size(), chapters, mappings.size(), withoutCode));
    }

    private static ObjectNode conceptMap(Map<String, String[]> mappings) {
        ObjectNode map = FhirJson.object();
        map.put("resourceType", "ConceptMap");
        map.put("id", "dvkt-to-icd-9-cm");
        map.put("url", CONCEPT_MAP_URL);
        map.put("version", VERSION);
        map.put("name", "DvktToIcd9Cm");
        map.put("title", "Kỹ thuật tương đương → ICD-9-CM (QĐ 4440/QĐ-BYT, Phụ lục 3)");
        map.put("status", "active");
        map.put("sourceUri", TECHNIQUE_SYSTEM);
        map.put("targetUri", VALUE_SET_URL);
        ObjectNode group = map.putArray("group").addObject();
        group.put("source", TECHNIQUE_SYSTEM);
        group.put("target", URL);
        group.put("targetVersion", VERSION);
        ArrayNode elements = group.putArray("element");
        mappings.forEach((technique, target) -> {
            ObjectNode element = elements.addObject();
            element.put("code", technique);
            if (!target[0].isBlank()) {
                element.put("display", target[0]);
            }
            ObjectNode t = element.putArray("target").addObject();
            t.put("code", target[1]);
            t.put("equivalence", "equivalent");
        });
        return map;
    }

    private static int column(Map<String, Integer> columns, String name, String fileName) {
        Integer i = columns.get(key(name));
        if (i == null) {
            throw new DataFileException(fileName, "missing column \"" + name + "\"");
        }
        return i;
    }

    private static String capitalise(String upper) {
        String lower = upper.trim().toLowerCase(new Locale("vi"));
        return lower.isEmpty() ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    private static String get(List<String> row, int index) {
        return index < row.size() ? row.get(index).trim() : "";
    }

    private static String key(String heading) {
        return Normalizer.normalize(heading, Normalizer.Form.NFC).trim().toUpperCase(Locale.ROOT)
                .replaceAll("\\s+", " ");
    }
}

package org.vnemr.bhyt.xml130.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The field tables of QĐ 130/4750/3176 loaded from {@code vnemr/bhyt/xml130/*.csv} (see PROVENANCE.md there): the
 * one source of tag names, order, types, sizes and gateway-required flags for the writer, reader and validator.
 */
public final class Xml130Spec {

    private static final String BASE = "vnemr/bhyt/xml130/";
    private static final Pattern TAG = Pattern.compile("^[A-Z][A-Z0-9_]*$");
    private static final Xml130Spec INSTANCE = load();

    private final Map<String, TableSpec> tables;

    private Xml130Spec(Map<String, TableSpec> tables) {
        this.tables = tables;
    }

    public static Xml130Spec get() {
        return INSTANCE;
    }

    public TableSpec table(String name) {
        TableSpec table = tables.get(name);
        if (table == null) {
            throw new IllegalArgumentException("unknown table " + name);
        }
        return table;
    }

    public boolean has(String name) {
        return tables.containsKey(name);
    }

    public Collection<TableSpec> tables() {
        return tables.values();
    }

    public TableSpec byRootTag(String rootTag) {
        return tables.values().stream().filter(t -> t.rootTag().equals(rootTag)).findFirst().orElse(null);
    }

    private static Xml130Spec load() {
        Map<String, TableSpec> tables = new LinkedHashMap<>();
        for (Map<String, String> t : records("tables.csv")) {
            String name = t.get("LOAIHOSO");
            List<FieldSpec> fields = new ArrayList<>();
            for (Map<String, String> f : records(t.get("FILE"))) {
                String tag = f.get("CHI_TIEU").trim();
                if (!TAG.matcher(tag).matches()) {
                    continue; // footer notes ("Ghi chú: …")
                }
                FieldSpec.Kind kind = f.get("KIEU_DU_LIEU").trim().equals("Số") ? FieldSpec.Kind.NUMBER
                        : FieldSpec.Kind.STRING;
                String size = f.get("KICH_THUOC_TOI_DA").trim();
                Integer maxSize = size.matches("\\d+") ? Integer.valueOf(size) : null;
                fields.add(new FieldSpec(name, fields.size() + 1, tag, kind, maxSize,
                        requiredFlag(f.get("BAT_BUOC_CTN4750")),
                        FieldSpec.formatOf(tag, kind, maxSize),
                        kind == FieldSpec.Kind.NUMBER ? FieldSpec.decimalsOf(tag) : null,
                        f.getOrDefault("VALID_CTN4750", "").trim()));
            }
            tables.put(name, new TableSpec(name, t.get("JAVA_NAME"), t.get("ROOT_TAG"), emptyToNull(t.get("LIST_TAG")),
                    emptyToNull(t.get("RECORD_TAG")), List.copyOf(fields)));
        }
        return new Xml130Spec(tables);
    }

    /**
     * The gateway sheet's "Bắt buộc" column: {@code x}, or a sentence saying when ("Bắt buộc khi MA_NHOM = 10",
     * "Như QĐ 4210"…). Any text means required; the validator applies the sentence's condition.
     */
    static boolean requiredFlag(String column) {
        String text = column == null ? "" : column.trim().toLowerCase(java.util.Locale.ROOT);
        return !text.isEmpty() && !text.startsWith("không bắt buộc");
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static List<Map<String, String>> records(String file) {
        try (InputStream in = Xml130Spec.class.getClassLoader().getResourceAsStream(BASE + file)) {
            if (in == null) {
                throw new IllegalStateException("missing " + BASE + file);
            }
            return Csv.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.vnemr.bhyt.xml130;

import org.vnemr.bhyt.xml130.spec.FieldSpec;
import org.vnemr.bhyt.xml130.spec.TableSpec;
import org.vnemr.bhyt.xml130.spec.Xml130Spec;
import org.vnemr.signing.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The inner XML of one table, as it goes base64-encoded into {@code NOIDUNGFILE}: UTF-8, no indentation, every
 * tag of the field table written in its order (empty ones as {@code <TAG></TAG>}, as in the BHXH templates), text
 * escaped. Reading goes through the hardened parser (no DTD, no external entities).
 */
public final class TableXml {

    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";

    private TableXml() {
    }

    public static byte[] write(String table, List<Row> rows) {
        return toString(Xml130Spec.get().table(table), rows, true).getBytes(StandardCharsets.UTF_8);
    }

    /** The table's XML; {@code declaration} false when it is embedded in a larger document (check-in). */
    static String toString(TableSpec spec, List<Row> rows, boolean declaration) {
        StringBuilder out = new StringBuilder(512 + rows.size() * 1024);
        if (declaration) {
            out.append(DECLARATION);
        }
        out.append('<').append(spec.rootTag()).append('>');
        if (spec.isList()) {
            out.append('<').append(spec.listTag()).append('>');
            for (Row row : rows) {
                out.append('<').append(spec.recordTag()).append('>');
                fields(out, spec, row);
                out.append("</").append(spec.recordTag()).append('>');
            }
            out.append("</").append(spec.listTag()).append('>');
        } else {
            if (rows.size() != 1) {
                throw new IllegalArgumentException(spec.name() + " holds exactly one record, got " + rows.size());
            }
            fields(out, spec, rows.get(0));
        }
        out.append("</").append(spec.rootTag()).append('>');
        return out.toString();
    }

    private static void fields(StringBuilder out, TableSpec spec, Row row) {
        for (FieldSpec field : spec.fields()) {
            out.append('<').append(field.tag()).append('>');
            escape(out, row.get(field.tag()));
            out.append("</").append(field.tag()).append('>');
        }
    }

    static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\r' -> out.append("&#13;");
                default -> out.append(c);
            }
        }
    }

    /** Reads a table file; the table is recognised by its root tag. */
    public static ParsedTable read(byte[] xml) {
        Document document = SecureXml.parse(xml);
        return read(document.getDocumentElement());
    }

    static ParsedTable read(Element root) {
        TableSpec spec = Xml130Spec.get().byRootTag(root.getLocalName() == null ? root.getTagName() : root.getLocalName());
        if (spec == null) {
            throw new Xml130Exception("VNEMR-7002", root.getTagName());
        }
        List<Row> rows = new ArrayList<>();
        if (spec.isList()) {
            Element list = child(root, spec.listTag());
            if (list != null) {
                for (Element record : children(list, spec.recordTag())) {
                    rows.add(row(spec, record));
                }
            }
        } else {
            rows.add(row(spec, root));
        }
        return new ParsedTable(spec.name(), rows);
    }

    public record ParsedTable(String table, List<Row> rows) {
    }

    private static Row row(TableSpec spec, Element record) {
        Row row = new Row(spec.name());
        for (FieldSpec field : spec.fields()) {
            Element e = child(record, field.tag());
            row.put(field.tag(), e == null ? "" : e.getTextContent());
        }
        return row;
    }

    static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName() == null ? e.getTagName() : e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName() == null ? e.getTagName() : e.getLocalName())) {
                result.add(e);
            }
        }
        return result;
    }
}

package org.vnemr.emr.chart;

import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;
import org.springframework.web.util.HtmlUtils;

import java.util.Set;

/**
 * A document section's narrative as safe HTML: only text and plain formatting elements, no attributes, so a
 * stored narrative can never carry a script or a link into the chart page (the store accepts any FHIR XHTML).
 */
public final class NarrativeHtml {

    private static final Set<String> ALLOWED = Set.of("div", "p", "br", "b", "strong", "i", "em", "u", "ul", "ol",
            "li", "table", "thead", "tbody", "tr", "th", "td", "span", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
            "sub", "sup", "hr");

    private NarrativeHtml() {
    }

    public static String of(XhtmlNode div) {
        StringBuilder out = new StringBuilder();
        if (div != null) {
            write(div, out);
        }
        return out.toString();
    }

    private static void write(XhtmlNode node, StringBuilder out) {
        if (node.getNodeType() == NodeType.Text) {
            out.append(HtmlUtils.htmlEscape(node.getContent() == null ? "" : node.getContent(), "UTF-8"));
            return;
        }
        if (node.getNodeType() != NodeType.Element && node.getNodeType() != NodeType.Document) {
            return;
        }
        String name = node.getName() == null ? null : node.getName().toLowerCase();
        boolean keep = name != null && ALLOWED.contains(name);
        if (name != null && (name.equals("script") || name.equals("style"))) {
            return;
        }
        if (keep) {
            out.append('<').append(name).append('>');
        }
        for (XhtmlNode child : node.getChildNodes()) {
            write(child, out);
        }
        if (keep && !name.equals("br") && !name.equals("hr")) {
            out.append("</").append(name).append('>');
        }
    }
}

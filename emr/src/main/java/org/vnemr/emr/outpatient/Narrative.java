package org.vnemr.emr.outpatient;

import org.hl7.fhir.r4.model.Narrative.NarrativeStatus;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Plain text typed by the doctor ↔ the XHTML narrative of a Composition section (what the printed paper shows):
 * one paragraph per line, so the text reads back exactly as typed.
 */
final class Narrative {

    private Narrative() {
    }

    static org.hl7.fhir.r4.model.Narrative of(String text) {
        XhtmlNode div = new XhtmlNode(NodeType.Element, "div");
        div.setAttribute("xmlns", "http://www.w3.org/1999/xhtml");
        for (String line : text.strip().split("\\R")) {
            div.addTag("p").addText(line);
        }
        org.hl7.fhir.r4.model.Narrative narrative = new org.hl7.fhir.r4.model.Narrative();
        narrative.setStatus(NarrativeStatus.GENERATED);
        narrative.setDiv(div);
        return narrative;
    }

    static String text(org.hl7.fhir.r4.model.Narrative narrative) {
        if (narrative == null || narrative.getDiv() == null) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        for (XhtmlNode child : narrative.getDiv().getChildNodes()) {
            if (child.getNodeType() == NodeType.Element) {
                lines.add(child.allText() == null ? "" : child.allText());
            } else if (child.getNodeType() == NodeType.Text && child.getContent() != null
                    && !child.getContent().isBlank()) {
                lines.add(child.getContent().strip());
            }
        }
        return String.join("\n", lines);
    }
}

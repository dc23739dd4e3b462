package org.vnemr.bhyt.mapping;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

import java.math.BigDecimal;
import java.util.List;

/** Small readers and writers of contract shapes, shared by the export mapper and the import. */
final class Fhir {

    private Fhir() {
    }

    static String identifier(List<Identifier> identifiers, String system) {
        return identifiers.stream().filter(i -> system.equals(i.getSystem())).map(Identifier::getValue)
                .findFirst().orElse("");
    }

    static String code(CodeableConcept concept, String system) {
        if (concept == null) {
            return "";
        }
        return concept.getCoding().stream().filter(c -> system.equals(c.getSystem())).map(Coding::getCode)
                .findFirst().orElse("");
    }

    static Coding coding(CodeableConcept concept, String system) {
        if (concept == null) {
            return null;
        }
        return concept.getCoding().stream().filter(c -> system.equals(c.getSystem())).findFirst().orElse(null);
    }

    static Extension extension(DomainResource resource, String url) {
        return resource == null ? null : resource.getExtensionByUrl(url);
    }

    static String codingExtension(DomainResource resource, String url) {
        Extension e = extension(resource, url);
        if (e == null || e.getValue() == null) {
            return "";
        }
        if (e.getValue() instanceof Coding c) {
            return c.getCode() == null ? "" : c.getCode();
        }
        if (e.getValue() instanceof CodeableConcept cc) {
            return cc.getCodingFirstRep().getCode() == null ? "" : cc.getCodingFirstRep().getCode();
        }
        return e.getValue().primitiveValue() == null ? "" : e.getValue().primitiveValue();
    }

    static BigDecimal money(Extension parent, String sub) {
        if (parent == null) {
            return null;
        }
        Extension e = parent.getExtensionByUrl(sub);
        if (e == null || !(e.getValue() instanceof Money m)) {
            return null;
        }
        return m.getValue();
    }

    static Money vnd(BigDecimal value) {
        return new Money().setValue(value).setCurrency("VND");
    }

    static String cchn(Practitioner practitioner) {
        return practitioner == null ? "" : identifier(practitioner.getIdentifier(), ContractUrls.SID_CCHN);
    }

    static String name(Practitioner practitioner) {
        if (practitioner == null || practitioner.getName().isEmpty()) {
            return "";
        }
        var name = practitioner.getNameFirstRep();
        return name.hasText() ? name.getText() : name.getNameAsSingleString();
    }

    /** The plain text of a section's narrative. */
    static String section(Composition composition, String code) {
        if (composition == null) {
            return "";
        }
        for (Composition.SectionComponent s : composition.getSection()) {
            if (code.equals(code(s.getCode(), ContractUrls.CS_DOCUMENT_SECTION))) {
                return text(s.getText());
            }
        }
        return "";
    }

    /** The record-field extension: form screens keep each typed value under its field id (clinical-data.md). */
    static final String RECORD_FIELD = "https://vnemr.org/fhir/StructureDefinition/record-field";

    /**
     * The section's text, else the value a form stored as a record field under the XML field name (the discharge
     * screen keeps every XML7 field that way, grouped in broader sections).
     */
    static String sectionOrField(Composition composition, String code, String xmlField) {
        String text = section(composition, code);
        return text.isEmpty() && composition != null ? recordField(composition.getSection(), xmlField) : text;
    }

    private static String recordField(List<Composition.SectionComponent> sections, String id) {
        for (Composition.SectionComponent section : sections) {
            for (org.hl7.fhir.r4.model.Extension field : section.getExtensionsByUrl(RECORD_FIELD)) {
                org.hl7.fhir.r4.model.Extension name = field.getExtensionByUrl("id");
                org.hl7.fhir.r4.model.Extension value = field.getExtensionByUrl("value");
                if (name != null && value != null && id.equals(name.getValue().primitiveValue())) {
                    return value.getValue().primitiveValue();
                }
            }
            String nested = recordField(section.getSection(), id);
            if (!nested.isEmpty()) {
                return nested;
            }
        }
        return "";
    }

    static String text(Narrative narrative) {
        if (narrative == null || narrative.getDiv() == null || narrative.getDiv().isEmpty()) {
            return "";
        }
        String text = narrative.getDiv().allText();
        return text == null ? "" : text.trim();
    }

    static Narrative narrative(String text) {
        Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        XhtmlNode div = new XhtmlNode(org.hl7.fhir.utilities.xhtml.NodeType.Element, "div");
        div.setAttribute("xmlns", "http://www.w3.org/1999/xhtml");
        div.addText(text);
        narrative.setDiv(div);
        return narrative;
    }

    static Composition.SectionComponent section(String code, String title, String text) {
        return new Composition.SectionComponent().setTitle(title)
                .setCode(new CodeableConcept(new Coding(ContractUrls.CS_DOCUMENT_SECTION, code, null)))
                .setText(narrative(text));
    }
}

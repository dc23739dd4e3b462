package org.vnemr.vncore.codes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vnemr.vncore.VnCoreUrls;

/** Builds the CodeSystem and all-codes ValueSet JSON the sources publish. */
final class CodeSystemJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CodeSystemJson() {
    }

    /** A CodeSystem shell: id, canonical under the IG base, title, content {@code complete}, no concepts yet. */
    static ObjectNode codeSystem(String id, String title, String description, String version) {
        ObjectNode cs = JSON.objectNode();
        cs.put("resourceType", "CodeSystem");
        cs.put("id", id);
        cs.put("url", VnCoreUrls.CS + id);
        cs.put("version", version);
        cs.put("name", name(id));
        cs.put("title", title);
        cs.put("status", "active");
        cs.put("publisher", "vnemr");
        cs.put("description", description);
        cs.put("caseSensitive", true);
        cs.put("valueSet", VnCoreUrls.VS + valueSetId(id));
        cs.put("content", "complete");
        cs.putArray("concept");
        return cs;
    }

    static ObjectNode property(ObjectNode cs, String code, String type, String description) {
        ObjectNode p = cs.withArray("property").addObject();
        p.put("code", code);
        p.put("uri", cs.path("url").asText() + "#" + code);
        p.put("description", description);
        p.put("type", type);
        return p;
    }

    /** A concept; a source list without a name for the code gets no display (FHIR forbids empty strings). */
    static ObjectNode concept(ObjectNode cs, String code, String display) {
        ObjectNode c = ((ArrayNode) cs.get("concept")).addObject();
        c.put("code", code);
        if (display != null && !display.isBlank()) {
            c.put("display", display);
        }
        return c;
    }

    static void designation(ObjectNode concept, String language, String value) {
        if (value != null && !value.isBlank()) {
            ObjectNode d = concept.withArray("designation").addObject();
            d.put("language", language);
            d.put("value", value);
        }
    }

    static void conceptProperty(ObjectNode concept, String code, String valueType, String value) {
        ObjectNode p = concept.withArray("property").addObject();
        p.put("code", code);
        p.put(valueType, value);
    }

    /** The ValueSet holding every code of {@code cs}. */
    static ObjectNode allCodesValueSet(JsonNode cs) {
        String csId = cs.path("id").asText();
        ObjectNode vs = JSON.objectNode();
        vs.put("resourceType", "ValueSet");
        vs.put("id", valueSetId(csId));
        vs.put("url", VnCoreUrls.VS + valueSetId(csId));
        if (cs.has("version")) {
            vs.put("version", cs.get("version").asText());
        }
        vs.put("name", name(valueSetId(csId)));
        vs.put("title", cs.path("title").asText(csId) + " — tất cả mã / all codes");
        vs.put("status", cs.path("status").asText("draft"));
        vs.putObject("compose").putArray("include").addObject().put("system", cs.path("url").asText());
        return vs;
    }

    /** {@code vn-religion-cs} → {@code vn-religion-vs}; other ids get {@code -vs} appended. */
    static String valueSetId(String csId) {
        return csId.endsWith("-cs") ? csId.substring(0, csId.length() - 3) + "-vs" : csId + "-vs";
    }

    /** A computer-friendly name: {@code vn-province-cs} → {@code VnProvinceCs}. */
    static String name(String id) {
        StringBuilder out = new StringBuilder();
        for (String part : id.split("-")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }
}

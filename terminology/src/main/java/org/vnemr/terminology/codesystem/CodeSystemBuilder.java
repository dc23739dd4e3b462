package org.vnemr.terminology.codesystem;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vnemr.fhir.store.FhirJson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the CodeSystem resource an importer produces: a flat concept list in file order, the hierarchy as
 * {@code parent} properties ({@code hierarchyMeaning = is-a}), and beside it the implicit all-codes ValueSet
 * that {@code CodeSystem.valueSet} names.
 */
public final class CodeSystemBuilder {

    private final ObjectNode codeSystem = FhirJson.object();
    private final ArrayNode properties;
    private final ArrayNode concepts;
    private final Map<String, ObjectNode> byCode = new LinkedHashMap<>();

    public CodeSystemBuilder(String id, String url, String version, String name, String title, String valueSetUrl) {
        codeSystem.put("resourceType", "CodeSystem");
        codeSystem.put("id", id);
        codeSystem.put("url", url);
        codeSystem.put("version", version);
        codeSystem.put("name", name);
        codeSystem.put("title", title);
        codeSystem.put("status", "active");
        codeSystem.put("experimental", false);
        codeSystem.put("caseSensitive", true);
        codeSystem.put("valueSet", valueSetUrl);
        codeSystem.put("hierarchyMeaning", "is-a");
        codeSystem.put("content", "complete");
        properties = codeSystem.putArray("property");
        concepts = FhirJson.MAPPER.createArrayNode();
    }

    public CodeSystemBuilder publisher(String publisher, String description) {
        codeSystem.put("publisher", publisher);
        codeSystem.put("description", description);
        return this;
    }

    public CodeSystemBuilder property(String code, String type, String description) {
        ObjectNode p = properties.addObject();
        p.put("code", code);
        if ("parent".equals(code) || "child".equals(code)) {
            p.put("uri", "http://hl7.org/fhir/concept-properties#" + code);
        }
        p.put("description", description);
        p.put("type", type);
        return this;
    }

    public boolean has(String code) {
        return byCode.containsKey(code);
    }

    /** Adds a concept unless the code is already there; returns the concept either way. */
    public ObjectNode concept(String code, String display) {
        ObjectNode existing = byCode.get(code);
        if (existing != null) {
            return existing;
        }
        ObjectNode c = concepts.addObject();
        c.put("code", code);
        if (display != null && !display.isBlank()) {
            c.put("display", display.trim());
        }
        byCode.put(code, c);
        return c;
    }

    public ObjectNode get(String code) {
        return byCode.get(code);
    }

    public Iterable<ObjectNode> concepts() {
        return byCode.values();
    }

    public static void designation(ObjectNode concept, String language, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        ObjectNode d = concept.withArray("designation").addObject();
        d.put("language", language);
        d.put("value", value.trim());
    }

    public static void codeProperty(ObjectNode concept, String code, String value) {
        typedProperty(concept, code, "valueCode", value);
    }

    public static void stringProperty(ObjectNode concept, String code, String value) {
        typedProperty(concept, code, "valueString", value);
    }

    public static void booleanProperty(ObjectNode concept, String code, boolean value) {
        if (hasProperty(concept, code, Boolean.toString(value))) {
            return;
        }
        ObjectNode p = concept.withArray("property").addObject();
        p.put("code", code);
        p.put("valueBoolean", value);
    }

    private static void typedProperty(ObjectNode concept, String code, String field, String value) {
        if (value == null || value.isBlank() || hasProperty(concept, code, value)) {
            return;
        }
        ObjectNode p = concept.withArray("property").addObject();
        p.put("code", code);
        p.put(field, value);
    }

    /** Whether the concept already has this property value (properties are sets: no duplicates). */
    public static boolean hasProperty(ObjectNode concept, String code, String value) {
        for (var p : concept.path("property")) {
            if (code.equals(p.path("code").asText()) && value.equals(CodeSystemReader.value(p))) {
                return true;
            }
        }
        return false;
    }

    public static List<String> propertyValues(ObjectNode concept, String code) {
        List<String> values = new java.util.ArrayList<>();
        for (var p : concept.path("property")) {
            if (code.equals(p.path("code").asText())) {
                values.add(CodeSystemReader.value(p));
            }
        }
        return values;
    }

    /** The CodeSystem and its all-codes ValueSet ({@code valueSetId}). */
    public List<ObjectNode> build(String valueSetId) {
        codeSystem.put("count", byCode.size());
        codeSystem.set("concept", concepts);
        ObjectNode valueSet = FhirJson.object();
        valueSet.put("resourceType", "ValueSet");
        valueSet.put("id", valueSetId);
        valueSet.put("url", codeSystem.path("valueSet").asText());
        valueSet.put("version", codeSystem.path("version").asText());
        valueSet.put("name", codeSystem.path("name").asText() + "AllCodes");
        valueSet.put("title", codeSystem.path("title").asText() + " — tất cả các mã");
        valueSet.put("status", "active");
        ObjectNode include = valueSet.putObject("compose").putArray("include").addObject();
        include.put("system", codeSystem.path("url").asText());
        include.put("version", codeSystem.path("version").asText());
        return List.of(codeSystem, valueSet);
    }
}

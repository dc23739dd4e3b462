package org.vnemr.terminology.codesystem;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a CodeSystem resource (FHIR R4 JSON) into a {@link CodeSystemIndex}. Both ways of writing a hierarchy
 * are understood: nested {@code concept.concept} and a flat list with {@code parent} properties. A concept is
 * inactive when its {@code status} property is {@code retired} or its {@code inactive} property is true.
 */
public final class CodeSystemReader {

    private static final Set<String> HIERARCHY_PROPERTIES = Set.of("parent", "child");

    private CodeSystemReader() {
    }

    public static CodeSystemIndex read(JsonNode codeSystem) {
        List<PropertyDefinition> definitions = new ArrayList<>();
        for (JsonNode p : codeSystem.path("property")) {
            definitions.add(new PropertyDefinition(p.path("code").asText(), p.path("type").asText(null),
                    p.path("description").asText(null)));
        }
        List<IndexedConcept> concepts = new ArrayList<>();
        collect(codeSystem.path("concept"), null, concepts);
        return new CodeSystemIndex(codeSystem.path("url").asText(), text(codeSystem, "version"),
                text(codeSystem, "name"), text(codeSystem, "title"), text(codeSystem, "valueSet"),
                codeSystem.path("id").asText(), definitions, concepts);
    }

    private static void collect(JsonNode list, String nestingParent, List<IndexedConcept> out) {
        for (JsonNode c : list) {
            String code = c.path("code").asText(null);
            if (code == null || code.isBlank()) {
                continue;
            }
            List<String> parents = new ArrayList<>();
            if (nestingParent != null) {
                parents.add(nestingParent);
            }
            Map<String, List<String>> properties = new LinkedHashMap<>();
            for (JsonNode p : c.path("property")) {
                String name = p.path("code").asText();
                String value = value(p);
                if (value == null) {
                    continue;
                }
                if ("parent".equals(name)) {
                    if (!parents.contains(value)) {
                        parents.add(value);
                    }
                } else if (!HIERARCHY_PROPERTIES.contains(name)) {
                    properties.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                }
            }
            List<Designation> designations = new ArrayList<>();
            for (JsonNode d : c.path("designation")) {
                designations.add(new Designation(d.path("language").asText(null), d.path("use").path("code")
                        .asText(null), d.path("value").asText("")));
            }
            boolean active = !"retired".equals(first(properties, "status"))
                    && !"true".equals(first(properties, "inactive"));
            properties.replaceAll((k, v) -> List.copyOf(v));
            out.add(IndexedConcept.of(code, c.path("display").asText(null), parents, properties, designations,
                    active, out.size()));
            collect(c.path("concept"), code, out);
        }
    }

    /** The value of a concept property as text, whatever its FHIR type. */
    static String value(JsonNode property) {
        for (var it = property.fields(); it.hasNext(); ) {
            var field = it.next();
            if (field.getKey().startsWith("value")) {
                JsonNode v = field.getValue();
                if (v.isObject()) {
                    return v.path("code").asText(null); // valueCoding
                }
                return v.asText();
            }
        }
        return null;
    }

    private static String first(Map<String, List<String>> properties, String name) {
        List<String> values = properties.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}

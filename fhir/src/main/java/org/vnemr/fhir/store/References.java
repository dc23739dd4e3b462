package org.vnemr.fhir.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {@code reference} strings of a resource's JSON (every object's {@code reference}
 * property, which is where R4 puts Reference.reference), skipping contained resources' own ids.
 */
public final class References {

    /** A relative literal reference {@code Type/id} or {@code Type/id/_history/v}. */
    public static final Pattern RELATIVE = Pattern.compile(
            "^([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})(/_history/[A-Za-z0-9\\-.]{1,64})?$");

    private References() {
    }

    /** One reference string and where it stands. */
    public record Site(String path, ObjectNode owner, String reference) {

        /** {@code Type/id} for a relative reference, otherwise null. */
        public String[] typeAndId() {
            Matcher m = RELATIVE.matcher(reference);
            return m.matches() ? new String[] {m.group(1), m.group(2)} : null;
        }
    }

    public static List<Site> collect(ObjectNode resource) {
        List<Site> sites = new ArrayList<>();
        String type = resource.path("resourceType").asText("Resource");
        walk(resource, type, sites, true);
        return sites;
    }

    private static void walk(JsonNode node, String path, List<Site> sites, boolean top) {
        if (node.isObject()) {
            JsonNode ref = node.get("reference");
            if (ref != null && ref.isTextual() && !top) {
                sites.add(new Site(path + ".reference", (ObjectNode) node, ref.asText()));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode child = field.getValue();
                if (child.isContainerNode() && !field.getKey().equals("text")) {
                    walk(child, path + "." + field.getKey(), sites, false);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode child = node.get(i);
                if (child.isContainerNode()) {
                    walk(child, path + "[" + i + "]", sites, false);
                }
            }
        }
    }
}

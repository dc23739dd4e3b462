package org.vnemr.fhir.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
            return relative(reference);
        }
    }

    /**
     * {@code [type, id]} of a relative reference as {@link #RELATIVE} defines it, otherwise null. Checked by hand:
     * every reference of every written resource passes here, and the pattern showed in the profile of a busy node.
     */
    public static String[] relative(String reference) {
        if (reference == null) {
            return null;
        }
        int slash = reference.indexOf('/');
        if (slash < 2 || reference.charAt(0) < 'A' || reference.charAt(0) > 'Z') {
            return null;
        }
        for (int i = 1; i < slash; i++) {
            char c = reference.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return null;
            }
        }
        int idEnd = idEnd(reference, slash + 1);
        if (idEnd < 0) {
            return null;
        }
        if (idEnd != reference.length()) {
            String history = "/_history/";
            if (!reference.startsWith(history, idEnd) || idEnd(reference, idEnd + history.length())
                    != reference.length()) {
                return null;
            }
        }
        return new String[] {reference.substring(0, slash), reference.substring(slash + 1, idEnd)};
    }

    /** End of an id of 1–64 id characters starting at {@code from}, or -1. */
    private static int idEnd(String s, int from) {
        int i = from;
        while (i < s.length() && i - from <= 64) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
                break;
            }
            i++;
        }
        int length = i - from;
        return length >= 1 && length <= 64 ? i : -1;
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

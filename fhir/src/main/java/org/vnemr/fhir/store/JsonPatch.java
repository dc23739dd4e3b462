package org.vnemr.fhir.store;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vnemr.fhir.error.FhirError;

/**
 * RFC 6902 JSON Patch (add, remove, replace, move, copy, test) applied to a resource's JSON tree. Any error
 * leaves the target untouched (the patch works on a copy) and gives 400 (VNEMR-1022) or, for a failed
 * {@code test}, 422 (VNEMR-1023).
 */
public final class JsonPatch {

    private JsonPatch() {
    }

    public static ObjectNode apply(ObjectNode target, JsonNode patch) {
        if (patch == null || !patch.isArray()) {
            throw FhirError.badRequest("VNEMR-1022", "the patch must be a JSON array of operations");
        }
        JsonNode doc = target.deepCopy();
        for (int i = 0; i < patch.size(); i++) {
            JsonNode op = patch.get(i);
            String name = op.path("op").asText("");
            String path = requiredText(op, "path", i);
            switch (name) {
                case "add" -> doc = add(doc, path, required(op, "value", i).deepCopy(), i);
                case "remove" -> doc = remove(doc, path, i);
                case "replace" -> {
                    valueAt(doc, path, i);
                    doc = remove(doc, path, i);
                    doc = add(doc, path, required(op, "value", i).deepCopy(), i);
                }
                case "move" -> {
                    String from = requiredText(op, "from", i);
                    JsonNode value = valueAt(doc, from, i).deepCopy();
                    doc = remove(doc, from, i);
                    doc = add(doc, path, value, i);
                }
                case "copy" -> {
                    String from = requiredText(op, "from", i);
                    doc = add(doc, path, valueAt(doc, from, i).deepCopy(), i);
                }
                case "test" -> {
                    if (!valueAt(doc, path, i).equals(required(op, "value", i))) {
                        throw FhirError.unprocessable("VNEMR-1023", path);
                    }
                }
                default -> throw FhirError.badRequest("VNEMR-1022", "operation " + i + ": unknown op '" + name + "'");
            }
        }
        if (!doc.isObject()) {
            throw FhirError.badRequest("VNEMR-1022", "the patched document is not a resource");
        }
        return (ObjectNode) doc;
    }

    private static JsonNode add(JsonNode doc, String path, JsonNode value, int index) {
        if (path.isEmpty()) {
            return value;
        }
        JsonPointer pointer = pointer(path, index);
        JsonNode parent = doc.at(pointer.head());
        String last = pointer.last().getMatchingProperty();
        if (parent.isObject()) {
            ((ObjectNode) parent).set(last, value);
        } else if (parent.isArray()) {
            ArrayNode array = (ArrayNode) parent;
            if ("-".equals(last)) {
                array.add(value);
            } else {
                int position = arrayIndex(last, array.size(), index, true);
                array.insert(position, value);
            }
        } else {
            throw FhirError.badRequest("VNEMR-1022", "operation " + index + ": no parent at " + path);
        }
        return doc;
    }

    private static JsonNode remove(JsonNode doc, String path, int index) {
        JsonPointer pointer = pointer(path, index);
        valueAt(doc, path, index);
        JsonNode parent = doc.at(pointer.head());
        String last = pointer.last().getMatchingProperty();
        if (parent.isObject()) {
            ((ObjectNode) parent).remove(last);
        } else if (parent.isArray()) {
            ((ArrayNode) parent).remove(arrayIndex(last, parent.size(), index, false));
        }
        return doc;
    }

    private static JsonNode valueAt(JsonNode doc, String path, int index) {
        JsonNode value = doc.at(pointer(path, index));
        if (value.isMissingNode()) {
            throw FhirError.badRequest("VNEMR-1022", "operation " + index + ": nothing at " + path);
        }
        return value;
    }

    private static int arrayIndex(String token, int size, int index, boolean allowEnd) {
        try {
            int i = Integer.parseInt(token);
            if (i < 0 || i > size || (!allowEnd && i == size)) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw FhirError.badRequest("VNEMR-1022", "operation " + index + ": bad array index " + token);
        }
    }

    private static JsonPointer pointer(String path, int index) {
        try {
            return JsonPointer.compile(path);
        } catch (IllegalArgumentException e) {
            throw FhirError.badRequest("VNEMR-1022", "operation " + index + ": bad path " + path);
        }
    }

    private static JsonNode required(JsonNode op, String field, int index) {
        JsonNode value = op.get(field);
        if (value == null) {
            throw FhirError.badRequest("VNEMR-1022", "operation " + index + ": missing '" + field + "'");
        }
        return value;
    }

    private static String requiredText(JsonNode op, String field, int index) {
        JsonNode value = required(op, field, index);
        if (!value.isTextual()) {
            throw FhirError.badRequest("VNEMR-1022", "operation " + index + ": '" + field + "' must be a string");
        }
        return value.asText();
    }
}

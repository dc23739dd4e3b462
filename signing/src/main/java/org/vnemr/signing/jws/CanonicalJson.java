package org.vnemr.signing.jws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vnemr.fhir.store.FhirJson;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The canonical bytes of a FHIR resource or Bundle that vnemr signs (the payload of the detached JWS in
 * {@code Provenance.signature.data}):
 * <ol>
 *   <li>the JSON as stored, with the top-level {@code meta.versionId} and {@code meta.lastUpdated} removed
 *       (the store assigns them when it writes, after the signature is made), and {@code meta} dropped when
 *       that leaves it empty; nested resources (Bundle entries) keep their meta — it says which version was
 *       signed;</li>
 *   <li>object keys sorted by their UTF-16 code units at every level (as RFC 8785 JCS does), array order
 *       kept;</li>
 *   <li>no insignificant whitespace; strings escaped as Jackson writes them (UTF-8, only the characters JSON
 *       requires escaped); numbers written as they were read (FHIR decimals keep their precision);</li>
 *   <li>encoded as UTF-8.</li>
 * </ol>
 * FHIR JSON contains no floating-point numbers that need JCS's number rules: decimals are parsed as
 * BigDecimal and written back unchanged.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static byte[] of(JsonNode resource) {
        JsonNode copy = resource.deepCopy();
        if (copy instanceof ObjectNode object && object.get("meta") instanceof ObjectNode meta) {
            meta.remove("versionId");
            meta.remove("lastUpdated");
            if (meta.isEmpty()) {
                object.remove("meta");
            }
        }
        try {
            return FhirJson.MAPPER.writeValueAsString(sorted(copy)).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            Collections.sort(names); // String.compareTo compares UTF-16 code units, as JCS does
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (String name : names) {
                out.set(name, sorted(object.get(name)));
            }
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            array.forEach(child -> out.add(sorted(child)));
            return out;
        }
        return node;
    }
}

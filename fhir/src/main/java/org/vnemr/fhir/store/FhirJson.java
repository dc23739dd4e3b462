package org.vnemr.fhir.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vnemr.fhir.error.FhirError;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Map;

/**
 * Jackson set up for FHIR JSON: decimals kept exactly as written ({@code 1.50} stays {@code 1.50}), duplicate
 * properties refused, and the served form of a stored resource: {@code resourceType}, {@code id} and
 * {@code meta} first, then the client's elements in the client's order.
 */
public final class FhirJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200)
                            .maxStringLength(50_000_000).build())
                    .build())
            .nodeFactory(NODES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.UTC);

    private FhirJson() {
    }

    /** Parses one resource; malformed JSON or a non-object gives 400 VNEMR-1005. */
    public static ObjectNode parseResource(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw FhirError.badRequest("VNEMR-1005", e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw FhirError.badRequest("VNEMR-1005", "not a JSON object");
        }
        return (ObjectNode) node;
    }

    public static ObjectNode parseResource(byte[] json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw FhirError.badRequest("VNEMR-1005", e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw FhirError.badRequest("VNEMR-1005", "not a JSON object");
        }
        return (ObjectNode) node;
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code 2026-11-25T10:00:00.123Z} — FHIR instant with millisecond precision. */
    public static String instant(Instant instant) {
        return INSTANT.format(instant);
    }

    /**
     * The served form: a new object with resourceType, id, meta (versionId, lastUpdated, then the other meta
     * elements the client sent) and then the remaining elements in their order.
     */
    public static ObjectNode served(ObjectNode resource, String id, long versionId, Instant lastUpdated) {
        ObjectNode out = NODES.objectNode();
        out.set("resourceType", resource.get("resourceType"));
        out.put("id", id);
        ObjectNode meta = out.putObject("meta");
        meta.put("versionId", Long.toString(versionId));
        meta.put("lastUpdated", instant(lastUpdated));
        JsonNode oldMeta = resource.get("meta");
        if (oldMeta != null && oldMeta.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = oldMeta.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getKey().equals("versionId") && !field.getKey().equals("lastUpdated")) {
                    meta.set(field.getKey(), field.getValue());
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = resource.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (!name.equals("resourceType") && !name.equals("id") && !name.equals("meta")) {
                out.set(name, field.getValue());
            }
        }
        return out;
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }
}

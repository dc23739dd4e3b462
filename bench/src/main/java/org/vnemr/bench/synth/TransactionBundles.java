package org.vnemr.bench.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One FHIR {@code transaction} Bundle per patient: every resource a {@code POST} entry with a
 * {@code urn:uuid:} full URL, its {@code id} removed, and references between them rewritten to those URNs,
 * so the server assigns the ids and resolves the links inside one transaction.
 */
public final class TransactionBundles {

    private static final String URN = "urn:uuid:";

    private TransactionBundles() {
    }

    public static ObjectNode of(SyntheticPatient patient) {
        Set<String> local = new HashSet<>();
        for (ObjectNode r : patient.resources()) {
            local.add(r.get("resourceType").asText() + "/" + r.get("id").asText());
        }
        ObjectNode bundle = JsonNodeFactory.instance.objectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "transaction");
        ArrayNode entries = bundle.putArray("entry");
        for (ObjectNode r : patient.resources()) {
            String type = r.get("resourceType").asText();
            ObjectNode copy = r.deepCopy();
            String id = copy.remove("id").asText();
            rewriteReferences(copy, local);
            ObjectNode entry = entries.addObject();
            entry.put("fullUrl", URN + id);
            entry.set("resource", copy);
            entry.putObject("request").put("method", "POST").put("url", type);
        }
        return bundle;
    }

    /**
     * Writes {@code patient-000000.json}, {@code patient-000001.json} … into {@code dir} (created if needed)
     * and returns the paths in order.
     */
    public static List<Path> writeAll(Iterable<SyntheticPatient> patients, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        int i = 0;
        for (SyntheticPatient p : patients) {
            Path file = dir.resolve(String.format("patient-%06d.json", i++));
            Files.write(file, FhirJson.bytes(of(p)));
            written.add(file);
        }
        return written;
    }

    private static void rewriteReferences(JsonNode node, Set<String> local) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (field.getKey().equals("reference") && value.isTextual() && local.contains(value.asText())) {
                    String text = value.asText();
                    field.setValue(TextNode.valueOf(URN + text.substring(text.indexOf('/') + 1)));
                } else {
                    rewriteReferences(value, local);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode element : array) {
                rewriteReferences(element, local);
            }
        }
    }
}

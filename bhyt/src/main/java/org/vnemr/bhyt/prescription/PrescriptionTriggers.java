package org.vnemr.bhyt.prescription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vnemr.fhir.store.StoredResource;
import org.vnemr.fhir.store.WriteListener;
import org.vnemr.platform.outbox.Outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Queues an outpatient prescription for the national system in the transaction that creates it: the new
 * MedicationRequests of one national code ({@code groupIdentifier}) become one message, keyed by the code, about
 * {@code prescription/<code>} (which the prescription screen reads to show "đã gửi" or the refusal). Inpatient
 * orders are not prescriptions for the national system and are left alone.
 */
public final class PrescriptionTriggers implements WriteListener {

    private final Outbox outbox;
    private final ObjectMapper json = new ObjectMapper();

    public PrescriptionTriggers(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void written(List<StoredResource> versions) {
        Map<String, ArrayNode> groups = new LinkedHashMap<>();
        for (StoredResource version : versions) {
            if (!"MedicationRequest".equals(version.resourceType()) || version.deleted() || version.versionId() != 1) {
                continue;
            }
            JsonNode request = read(version);
            JsonNode group = request.path("groupIdentifier");
            if (!PrescriptionPayload.CODE_SYSTEM.equals(group.path("system").asText()) || inpatient(request)) {
                continue;
            }
            groups.computeIfAbsent(group.path("value").asText(), code -> json.createArrayNode())
                    .add(version.typeAndId());
        }
        groups.forEach((code, requests) -> {
            ObjectNode payload = json.createObjectNode().put("code", code);
            payload.set("requests", requests);
            outbox.enqueue(PrescriptionDelivery.TOPIC, code, subject(code), payload.toString());
        });
    }

    /** What the prescription screen asks the outbox about. */
    public static String subject(String code) {
        return "prescription/" + code;
    }

    private static boolean inpatient(JsonNode request) {
        for (JsonNode category : request.path("category")) {
            for (JsonNode coding : category.path("coding")) {
                if ("inpatient".equals(coding.path("code").asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private JsonNode read(StoredResource version) {
        try {
            return json.readTree(version.json());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

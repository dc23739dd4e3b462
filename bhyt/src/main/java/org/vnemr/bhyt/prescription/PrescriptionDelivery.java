package org.vnemr.bhyt.prescription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vnemr.bhyt.gateway.GatewayUnavailable;
import org.vnemr.fhir.search.SearchService;
import org.vnemr.fhir.store.ResourceStore;
import org.vnemr.fhir.store.StoredResource;
import org.vnemr.platform.outbox.OutboxHandler;
import org.vnemr.platform.outbox.OutboxMessage;
import org.vnemr.signing.Signer;
import org.vnemr.signing.jws.CanonicalJson;
import org.vnemr.signing.jws.DetachedJws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Gửi đơn thuốc điện tử: the outbox handler of topic {@value #TOPIC}. At sending time it reads the prescription's
 * MedicationRequests and what the payload needs around them (patient, the visit's diagnoses, the card, the
 * prescriber, the last weight), builds the payload, signs it with the facility's key (detached JWS over the
 * canonical JSON — TT 26/2025 Đ10 asks for a digital signature) and sends it.
 */
public final class PrescriptionDelivery implements OutboxHandler {

    public static final String TOPIC = "prescription";

    private final ResourceStore store;
    private final SearchService search;
    private final NationalPrescriptionSystem system;
    private final Supplier<Signer> signer;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public PrescriptionDelivery(ResourceStore store, SearchService search, NationalPrescriptionSystem system,
                                Supplier<Signer> signer, Clock clock) {
        this.store = store;
        this.search = search;
        this.system = system;
        this.signer = signer;
        this.clock = clock;
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public Delivery deliver(OutboxMessage message) {
        ObjectNode payload;
        try {
            payload = build(json.readTree(message.payload()));
        } catch (IOException | RuntimeException e) {
            return Delivery.rejected("VNEMR-7513: " + e.getMessage());
        }
        payload.put("signature", DetachedJws.sign(CanonicalJson.of(payload), signer.get(), clock.instant()));
        PrescriptionReply reply;
        try {
            reply = system.send(payload);
        } catch (GatewayUnavailable e) {
            return Delivery.retry(e.getMessage());
        }
        String record = json.createObjectNode().put("accepted", reply.accepted()).put("code", reply.code())
                .put("message", reply.message()).toString();
        return reply.accepted() ? Delivery.delivered(record) : Delivery.rejected(record);
    }

    /** The payload of the queued prescription: {@code {"code": …, "requests": ["MedicationRequest/1", …]}}. */
    ObjectNode build(JsonNode queued) {
        List<JsonNode> requests = new ArrayList<>();
        for (JsonNode reference : queued.path("requests")) {
            requests.add(read(reference.asText()).orElseThrow(() -> new IllegalStateException(
                    reference.asText() + " no longer exists")));
        }
        JsonNode first = requests.get(0);
        String patientRef = first.path("subject").path("reference").asText();
        JsonNode patient = read(patientRef).orElseThrow(() -> new IllegalStateException(patientRef + " not found"));
        String encounter = first.path("encounter").path("reference").asText("");
        List<JsonNode> diagnoses = encounter.isEmpty() ? List.of()
                : find("Condition", Map.of("encounter", List.of(encounter)), 20);
        Optional<JsonNode> coverage = find("Coverage", Map.of("beneficiary", List.of(patientRef),
                "status", List.of("active")), 1).stream().findFirst();
        Optional<JsonNode> prescriber = Optional.ofNullable(first.path("requester").path("reference").asText(null))
                .filter(r -> r.startsWith("Practitioner/")).flatMap(this::read);
        Optional<JsonNode> weight = encounter.isEmpty() ? Optional.empty()
                : find("Observation", Map.of("encounter", List.of(encounter), "code",
                List.of("http://loinc.org|29463-7"), "_sort", List.of("-date")), 1).stream().findFirst();
        return PrescriptionPayload.build(new PrescriptionPayload.Sources(requests, patient, diagnoses, coverage,
                prescriber, weight, Optional.empty()));
    }

    private Optional<JsonNode> read(String reference) {
        int slash = reference.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        return store.read(reference.substring(0, slash), reference.substring(slash + 1))
                .filter(r -> !r.deleted()).map(this::parse);
    }

    private List<JsonNode> find(String type, Map<String, List<String>> params, int count) {
        Map<String, List<String>> query = new java.util.HashMap<>(params);
        query.put("_count", List.of(String.valueOf(count)));
        return search.search(type, query).matches().stream().map(this::parse).toList();
    }

    private JsonNode parse(StoredResource resource) {
        try {
            return json.readTree(resource.json());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

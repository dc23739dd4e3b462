package org.vnemr.bhyt.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.vnemr.fhir.store.StoredResource;
import org.vnemr.fhir.store.WriteListener;
import org.vnemr.platform.outbox.Outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * Khi nào gửi: queues the insurance messages in the same transaction as the change that calls for them, whoever
 * made it (a screen, the FHIR API, an import):
 * <ul>
 *   <li>the first ChargeItem of a visit → its check-in (QĐ 130 Đ3 k1 as amended: "ngay khi phát sinh chi phí");</li>
 *   <li>the visit becoming {@code finished} → its dossier (claim and health book, TT 48/2017 Đ6: right after the
 *       episode ends);</li>
 *   <li>a paper Composition becoming {@code final} → the paper (XML7, XML8, XML13, XML14).</li>
 * </ul>
 * The idempotency key is the resource, so saving the same visit again queues nothing new; a correction after
 * sending is an explicit resubmission with a reason (Outbox.resubmit). Messages carry the subject
 * {@code Encounter/<id>}, so the relay sends a visit's check-in before its dossier and papers.
 */
public final class ClaimTriggers implements WriteListener {

    static final Set<String> PAPERS = Set.of("giay-ra-vien", "tom-tat-ho-so", "giay-chuyen-tuyen",
            "giay-hen-kham-lai");

    private final Outbox outbox;
    private final ObjectMapper json = new ObjectMapper();

    public ClaimTriggers(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void written(List<StoredResource> versions) {
        for (StoredResource version : versions) {
            if (version.deleted() || version.json() == null) {
                continue;
            }
            switch (version.resourceType()) {
                case "ChargeItem" -> chargeItem(version);
                case "Encounter" -> encounter(version);
                case "Composition" -> composition(version);
                default -> {
                    // other resources do not start an insurance message
                }
            }
        }
    }

    private void chargeItem(StoredResource version) {
        if (version.versionId() != 1) {
            return;
        }
        String visit = read(version).path("context").path("reference").asText("");
        if (visit.startsWith("Encounter/")) {
            outbox.enqueue(GatewayDelivery.CHECK_IN, visit, visit, visit);
        }
    }

    private void encounter(StoredResource version) {
        if ("finished".equals(read(version).path("status").asText())) {
            String visit = version.typeAndId();
            outbox.enqueue(GatewayDelivery.DOSSIER, visit, visit, visit);
        }
    }

    private void composition(StoredResource version) {
        JsonNode composition = read(version);
        if (!"final".equals(composition.path("status").asText())) {
            return;
        }
        for (JsonNode coding : composition.path("type").path("coding")) {
            if (PAPERS.contains(coding.path("code").asText())) {
                String visit = composition.path("encounter").path("reference").asText(version.typeAndId());
                outbox.enqueue(GatewayDelivery.PAPER, version.typeAndId(), visit, version.typeAndId());
                return;
            }
        }
    }

    private JsonNode read(StoredResource version) {
        try {
            return json.readTree(version.json());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

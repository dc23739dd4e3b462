package org.vnemr.signing.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.transaction.support.TransactionTemplate;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.store.ResourceStore;
import org.vnemr.fhir.store.StoredResource;
import org.vnemr.fhir.store.WriteOptions;
import org.vnemr.fhir.store.WriteOutcome;
import org.vnemr.fhir.store.WriteRequest;
import org.vnemr.fhir.store.WriteService;
import org.vnemr.fhir.search.SearchService;
import org.vnemr.signing.SigningException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Corrections of signed documents. A signed document is never changed: a correction is a new Composition that
 * {@code relatesTo} the old one with code {@code replaces} (the reason in an extension on that element) plus a
 * Provenance (activity UPDATE, reason, entity revision = the old version). The new one is then signed like any
 * draft; both stay readable, and {@link #versions} lists the chain oldest first.
 */
public class DocumentAmendments {

    public static final String REASON_EXTENSION = "https://vnemr.org/fhir/StructureDefinition/amendment-reason";

    private final ResourceStore store;
    private final WriteService writes;
    private final SearchService search;
    private final FrozenRecords frozen;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public DocumentAmendments(ResourceStore store, WriteService writes, SearchService search, FrozenRecords frozen,
                              TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.writes = writes;
        this.search = search;
        this.frozen = frozen;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Creates the replacing draft; returns its id. */
    public String amend(String compositionId, ObjectNode newContent, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new SigningException("VNEMR-4142");
        }
        StoredResource old = store.read("Composition", compositionId).filter(s -> !s.deleted())
                .orElseThrow(() -> new SigningException("VNEMR-4100", "Composition/" + compositionId));
        FrozenRecords.Frozen signed = frozen.find("Composition", compositionId)
                .orElseThrow(() -> new SigningException("VNEMR-4106", "Composition/" + compositionId));
        ObjectNode oldJson = FhirJson.parseResource(old.json());
        if (newContent == null || !"Composition".equals(newContent.path("resourceType").asText())
                || !oldJson.path("subject").path("reference").equals(newContent.path("subject").path("reference"))) {
            throw new SigningException("VNEMR-4143", "Composition/" + compositionId);
        }
        String newId = UUID.randomUUID().toString();
        ObjectNode amended = newContent.deepCopy();
        amended.put("id", newId);
        amended.remove("meta");
        amended.put("status", "preliminary");
        ArrayNode relatesTo = amended.withArray("relatesTo");
        ObjectNode replaces = relatesTo.addObject();
        ObjectNode extension = replaces.putArray("extension").addObject();
        extension.put("url", REASON_EXTENSION);
        extension.put("valueString", reason);
        replaces.put("code", "replaces");
        replaces.putObject("targetReference").put("reference", "Composition/" + compositionId);

        ObjectNode provenance = FhirJson.object();
        provenance.put("resourceType", "Provenance");
        provenance.putArray("target").addObject().put("reference", "Composition/" + newId);
        provenance.put("recorded", FhirJson.instant(Instant.now(clock)));
        provenance.putArray("reason").addObject().put("text", reason);
        ObjectNode activity = provenance.putObject("activity").putArray("coding").addObject();
        activity.put("system", "http://terminology.hl7.org/CodeSystem/v3-DataOperation");
        activity.put("code", "UPDATE");
        ObjectNode agent = provenance.putArray("agent").addObject();
        JsonNode author = amended.path("author").path(0);
        agent.set("who", author.isMissingNode() ? FhirJson.object().put("display", "vnemr") : author.deepCopy());
        ObjectNode entity = provenance.putArray("entity").addObject();
        entity.put("role", "revision");
        entity.putObject("what").put("reference", signed.reference());
        transactions.executeWithoutResult(tx -> {
            List<WriteOutcome> out = writes.executeAll(List.of(WriteRequest.update("Composition", newId, amended, null),
                    WriteRequest.create(provenance, null)), new WriteOptions(true, false));
            out.size();
        });
        return newId;
    }

    /** The ids of a document's versions chain (what it replaced, then what replaced it), oldest first. */
    public List<String> versions(String compositionId) {
        List<String> back = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String current = compositionId;
        while (current != null && seen.add(current)) {
            back.add(current);
            current = replaced(current);
        }
        Collections.reverse(back);
        List<String> chain = new ArrayList<>(back);
        current = compositionId;
        for (int guard = 0; guard < 100; guard++) {
            List<String> newer = search.matchIds("Composition",
                    Map.of("related-ref", List.of("Composition/" + current)), 2);
            newer.removeIf(seen::contains);
            if (newer.isEmpty()) {
                break;
            }
            current = newer.get(0);
            seen.add(current);
            chain.add(current);
        }
        return chain;
    }

    private String replaced(String compositionId) {
        return store.read("Composition", compositionId).filter(s -> !s.deleted()).map(s -> {
            for (JsonNode relation : FhirJson.parseResource(s.json()).path("relatesTo")) {
                String ref = relation.path("targetReference").path("reference").asText("");
                if ("replaces".equals(relation.path("code").asText()) && ref.startsWith("Composition/")) {
                    return ref.substring("Composition/".length());
                }
            }
            return null;
        }).orElse(null);
    }
}

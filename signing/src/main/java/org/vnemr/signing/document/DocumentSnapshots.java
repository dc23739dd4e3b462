package org.vnemr.signing.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.store.References;
import org.vnemr.fhir.store.ResourceStore;
import org.vnemr.fhir.store.StoredResource;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Builds the document Bundle that a signature covers: type {@code document}, the Composition first (as it will
 * be stored when signed: status {@code final}, its next version id), then every resource the Composition
 * references (patient, encounter, authors, section entries …) at its current version, each with an absolute
 * {@code fullUrl} under this node's FHIR base so relative references resolve inside the Bundle.
 */
final class DocumentSnapshots {

    private final ResourceStore store;
    private final String baseUrl;

    DocumentSnapshots(ResourceStore store, String baseUrl) {
        this.store = store;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /**
     * @param composition the Composition body as it will be frozen (status final), without meta.lastUpdated
     */
    ObjectNode build(String bundleId, ObjectNode composition, Instant timestamp) {
        ObjectNode bundle = FhirJson.object();
        bundle.put("resourceType", "Bundle");
        bundle.put("id", bundleId);
        ObjectNode identifier = bundle.putObject("identifier");
        identifier.put("system", "urn:ietf:rfc:3986");
        identifier.put("value", "urn:uuid:" + bundleId);
        bundle.put("type", "document");
        bundle.put("timestamp", FhirJson.instant(timestamp));
        ArrayNode entries = bundle.putArray("entry");
        String compositionId = composition.path("id").asText();
        entry(entries, "Composition", compositionId, composition);
        Set<String> seen = new LinkedHashSet<>();
        seen.add("Composition/" + compositionId);
        for (References.Site site : References.collect(composition)) {
            Matcher m = References.RELATIVE.matcher(site.reference());
            if (!m.matches()) {
                continue;
            }
            String type = m.group(1);
            String id = m.group(2);
            if (!seen.add(type + "/" + id)) {
                continue;
            }
            Optional<StoredResource> stored = m.group(3) == null ? store.read(type, id)
                    : store.readVersion(type, id, Long.parseLong(m.group(3).substring("/_history/".length())));
            stored.filter(s -> !s.deleted()).ifPresent(s -> entry(entries, type, id, FhirJson.parseResource(s.json())));
        }
        return bundle;
    }

    private void entry(ArrayNode entries, String type, String id, JsonNode resource) {
        ObjectNode entry = entries.addObject();
        entry.put("fullUrl", baseUrl + "/" + type + "/" + id);
        entry.set("resource", resource);
    }
}

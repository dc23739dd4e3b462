package org.vnemr.bench.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;

/**
 * One generated patient and the whole history: the {@code Patient} first, then every resource that refers
 * to it, each with a client-assigned {@code id} (a UUID) and references written as {@code Type/id}.
 */
public record SyntheticPatient(String id, List<ObjectNode> resources) {

    public SyntheticPatient {
        resources = List.copyOf(resources);
    }

    public ObjectNode patient() {
        return resources.get(0);
    }

    /** The 12-digit CCCD number. */
    public String cccd() {
        return identifier(PatientGenerator.CCCD_SYSTEM);
    }

    /** The 15-character BHYT card number, or {@code null} for the uninsured. */
    public String bhyt() {
        return identifier(PatientGenerator.BHYT_SYSTEM);
    }

    /** The full name as written, e.g. "Nguyễn Văn Ân". */
    public String nameText() {
        return patient().path("name").path(0).path("text").asText();
    }

    public String family() {
        return patient().path("name").path(0).path("family").asText();
    }

    public LocalDate birthDate() {
        return LocalDate.parse(patient().path("birthDate").asText());
    }

    /** FHIR administrative gender: {@code male} or {@code female}. */
    public String gender() {
        return patient().path("gender").asText();
    }

    /** The resources of one type, in generation order. */
    public List<ObjectNode> ofType(String resourceType) {
        return resources.stream().filter(r -> r.path("resourceType").asText().equals(resourceType)).toList();
    }

    private String identifier(String system) {
        for (JsonNode identifier : patient().path("identifier")) {
            if (system.equals(identifier.path("system").asText())) {
                return identifier.path("value").asText();
            }
        }
        return null;
    }
}

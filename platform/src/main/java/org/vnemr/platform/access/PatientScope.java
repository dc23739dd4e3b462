package org.vnemr.platform.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.vnemr.fhir.search.SearchService;
import org.vnemr.fhir.store.StoredResource;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whose a patient is, from the patient's encounters: the departments ({@code Encounter.serviceProvider}) and the
 * practitioners ({@code Encounter.participant.individual}) — what {@link AccessDecision} compares with the
 * person's departments and practitioner id. Reads at most 200 encounters, newest first.
 */
public class PatientScope {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SearchService search;

    public PatientScope(SearchService search) {
        this.search = search;
    }

    public AccessDecision.Target of(String patientId) {
        Set<String> departments = new LinkedHashSet<>();
        Set<String> practitioners = new LinkedHashSet<>();
        var result = search.search("Encounter", Map.of("subject", List.of("Patient/" + patientId),
                "_count", List.of("200"), "_sort", List.of("-_lastUpdated")));
        for (StoredResource encounter : result.matches()) {
            try {
                JsonNode node = JSON.readTree(encounter.json());
                add(departments, node.path("serviceProvider").path("reference").asText(""), "Organization/");
                for (JsonNode participant : node.path("participant")) {
                    add(practitioners, participant.path("individual").path("reference").asText(""), "Practitioner/");
                }
            } catch (IOException e) {
                throw new IllegalStateException("stored Encounter is not JSON", e);
            }
        }
        return new AccessDecision.Target(patientId, departments, practitioners);
    }

    private static void add(Set<String> ids, String reference, String prefix) {
        int at = reference.lastIndexOf(prefix);
        if (at >= 0) {
            ids.add(reference.substring(at + prefix.length()));
        }
    }
}

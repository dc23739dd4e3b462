package org.vnemr.bench.synth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransactionBundlesTest {

    @Test
    void everyReference_resolvesToAFullUrlInTheSameBundle() {
        PatientGenerator generator = new PatientGenerator(7);
        for (int i = 0; i < 20; i++) {
            ObjectNode bundle = TransactionBundles.of(generator.generate(i));
            Set<String> fullUrls = new HashSet<>();
            bundle.path("entry").forEach(e -> fullUrls.add(e.path("fullUrl").asText()));
            Set<String> references = new HashSet<>();
            collectReferences(bundle, references);

            assertThat(references).isNotEmpty();
            assertThat(fullUrls).containsAll(references);
        }
    }

    @Test
    void entries_arePostsWithUrnUuidFullUrlsAndNoResourceIds() {
        ObjectNode bundle = TransactionBundles.of(new PatientGenerator(7).generate(0));
        assertThat(bundle.path("type").asText()).isEqualTo("transaction");
        for (JsonNode entry : bundle.path("entry")) {
            assertThat(entry.path("fullUrl").asText()).matches("urn:uuid:[0-9a-f-]{36}");
            assertThat(entry.path("request").path("method").asText()).isEqualTo("POST");
            assertThat(entry.path("request").path("url").asText()).isEqualTo(entry.path("resource").path("resourceType").asText());
            assertThat(entry.path("resource").has("id")).isFalse();
        }
    }

    @Test
    void buildingABundle_leavesTheGeneratedResourcesUntouched() {
        SyntheticPatient p = new PatientGenerator(7).generate(0);
        String before = FhirJson.string(p.resources().get(5));
        TransactionBundles.of(p);
        assertThat(FhirJson.string(p.resources().get(5))).isEqualTo(before).contains("Patient/" + p.id());
    }

    private static void collectReferences(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                if (f.getKey().equals("reference")) {
                    into.add(f.getValue().asText());
                } else {
                    collectReferences(f.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                collectReferences(child, into);
            }
        }
    }

}

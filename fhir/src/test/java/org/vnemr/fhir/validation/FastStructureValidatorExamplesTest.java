package org.vnemr.fhir.validation;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the structure check over every official R4 example resource (the {@code package/} folder of
 * {@code hl7.fhir.r4.examples}, from {@link org.vnemr.fhir.testing.R4Examples}: system property
 * {@code vnemr.r4examples}, or fetched once with npm).
 */
class FastStructureValidatorExamplesTest {

    /** Official examples that are themselves invalid, with the reason; everything else must pass. */
    static final Map<String, String> KNOWN_INVALID = Map.ofEntries(
            Map.entry("DeviceMetric-example.json", "parent points to DeviceDefinition; R4 allows Reference(Device)"),
            Map.entry("DeviceUseStatement-example.json",
                    "reasonReference points to Procedure; R4 allows Condition, Observation, DiagnosticReport, "
                            + "DocumentReference, Media"),
            Map.entry("MedicationRequest-medrx0301.json",
                    "dispenseRequest.performer points to Practitioner; R4 allows Reference(Organization)"),
            Map.entry("Observation-clinical-gender.json", "performer points to Encounter, not an allowed type"),
            Map.entry("ImplementationGuide-fhir.json",
                    "status (1..1) missing; a manifest reference has an id longer than 64 characters"),
            Map.entry("ig-r4.json", "status (1..1) missing; a manifest reference has an id longer than 64 characters"),
            Map.entry("Questionnaire-qs1.json", "nested items lack linkId (1..1)"),
            Map.entry("SearchParameter-questionnaireresponse-extensions-QuestionnaireResponse-item-subject.json",
                    "id is 67 characters, more than the 64 an id allows"),
            Map.entry("SearchParameter-codesystem-extensions-CodeSystem-author.json", "base (1..*) missing"),
            Map.entry("SearchParameter-codesystem-extensions-CodeSystem-effective.json", "base (1..*) missing"),
            Map.entry("SearchParameter-codesystem-extensions-CodeSystem-end.json", "base (1..*) missing"),
            Map.entry("SearchParameter-codesystem-extensions-CodeSystem-keyword.json", "base (1..*) missing"),
            Map.entry("SearchParameter-codesystem-extensions-CodeSystem-workflow.json", "base (1..*) missing"),
            Map.entry("SearchParameter-valueset-extensions-ValueSet-author.json", "base (1..*) missing"),
            Map.entry("SearchParameter-valueset-extensions-ValueSet-effective.json", "base (1..*) missing"),
            Map.entry("SearchParameter-valueset-extensions-ValueSet-end.json", "base (1..*) missing"),
            Map.entry("SearchParameter-valueset-extensions-ValueSet-keyword.json", "base (1..*) missing"),
            Map.entry("SearchParameter-valueset-extensions-ValueSet-workflow.json", "base (1..*) missing"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static FastStructureValidator validator;
    private static List<Example> examples;

    record Example(String file, ObjectNode resource, int size) {
    }

    @BeforeAll
    static void load() throws IOException {
        Path folder = org.vnemr.fhir.testing.R4Examples.directory();
        validator = new FastStructureValidator(FhirContext.forR4Cached());
        examples = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".json") || name.startsWith(".") || name.equals("package.json")) {
                    continue;
                }
                JsonNode node = JSON.readTree(file.toFile());
                if (node instanceof ObjectNode object && object.has("resourceType")) {
                    examples.add(new Example(name, object, (int) Files.size(file)));
                }
            }
        }
    }

    @Test
    void validate_everyOfficialR4ExampleHasNoErrors() {
        List<String> failures = new ArrayList<>();
        for (Example example : examples) {
            List<OperationOutcome.OperationOutcomeIssueComponent> issues = validator.validate(example.resource());
            boolean expectedInvalid = KNOWN_INVALID.containsKey(example.file());
            if (!issues.isEmpty() && !expectedInvalid) {
                issues.forEach(issue -> failures.add(example.file() + ": " + issue.getDiagnostics()));
            } else if (issues.isEmpty() && expectedInvalid) {
                failures.add(example.file() + ": listed as invalid but has no errors now");
            }
        }
        assertThat(examples).hasSizeGreaterThan(1000);
        assertThat(failures).as("%d problems", failures.size()).isEmpty();
    }

    @Test
    void validate_printsMicrosecondsPerResource() {
        int rounds = 5;
        for (int round = 0; round < rounds; round++) {
            for (Example example : examples) {
                validator.validateAndCollect(example.resource());
            }
        }
        long[] nanos = new long[examples.size()];
        long total = 0;
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < examples.size(); i++) {
                long start = System.nanoTime();
                validator.validateAndCollect(examples.get(i).resource());
                long elapsed = System.nanoTime() - start;
                nanos[i] += elapsed;
                total += elapsed;
            }
        }
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        long smallTotal = 0;
        int small = 0;
        long bytes = 0;
        for (int i = 0; i < examples.size(); i++) {
            int size = examples.get(i).size();
            bytes += size;
            if (size <= 10_000) {
                smallTotal += nanos[i];
                small++;
            }
        }
        System.out.printf("FastStructureValidator over %d R4 examples (%d MB of JSON), warm, validateAndCollect:%n"
                        + "  mean %.1f µs per resource, median %.1f µs, p90 %.1f µs, %.2f µs per KB;%n"
                        + "  %d resources of at most 10 KB: mean %.1f µs%n",
                examples.size(), bytes >> 20, total / 1000.0 / rounds / examples.size(),
                sorted[sorted.length / 2] / 1000.0 / rounds, sorted[sorted.length * 9 / 10] / 1000.0 / rounds,
                total / 1000.0 / rounds / (bytes / 1024.0), small, smallTotal / 1000.0 / rounds / small);
    }
}

package org.vnemr.bench.synth;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

class FhirConformanceTest {

    private final IParser parser = FhirContext.forR4Cached().newJsonParser()
            .setParserErrorHandler(new StrictErrorHandler());

    @Test
    void everyGeneratedResource_parsesWithHapiStrictParser() {
        PatientGenerator generator = new PatientGenerator(2026);
        Set<String> types = new TreeSet<>();
        for (int i = 0; i < 8; i++) {
            for (ObjectNode r : generator.generate(i).resources()) {
                IBaseResource parsed = parser.parseResource(FhirJson.string(r));
                types.add(parsed.fhirType());
            }
        }
        assertThat(types).contains("Patient", "Encounter", "Condition", "Observation", "MedicationRequest",
                "Procedure", "DiagnosticReport");
    }

    @Test
    void transactionBundles_parseWithHapiStrictParser() {
        Bundle bundle = parser.parseResource(Bundle.class,
                FhirJson.string(TransactionBundles.of(new PatientGenerator(2026).generate(0))));
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
        assertThat(bundle.getEntry()).allSatisfy(e -> assertThat(e.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.POST));
    }
}

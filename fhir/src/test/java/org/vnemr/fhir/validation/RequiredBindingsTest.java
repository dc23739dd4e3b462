package org.vnemr.fhir.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequiredBindingsTest {

    @Test
    void precompiledFile_equalsWhatTheR4DefinitionsSay() {
        FhirContext context = FhirContext.forR4Cached();
        String fromDefinitions = RequiredBindings.toJson(RequiredBindings.load(new DefaultProfileValidationSupport(context)));
        assertThat(RequiredBindings.toJson(RequiredBindings.precompiled()))
                .as("regenerate " + RequiredBindings.RESOURCE + " with RequiredBindings.main after a HAPI upgrade")
                .isEqualTo(fromDefinitions);
        assertThat(RequiredBindings.precompiled()).containsKey("Condition.clinicalStatus");
    }
}

package org.vnemr.terminology.operation;

import org.vnemr.fhir.rest.FhirRestExtension;

import java.util.List;

/** Adds the terminology operations to {@code /fhir}. */
public final class TerminologyRestExtension implements FhirRestExtension {

    private final List<Object> providers;

    public TerminologyRestExtension(CodeSystemOperations codeSystems, ValueSetOperations valueSets,
                                    ConceptMapOperations conceptMaps) {
        this.providers = List.of(codeSystems, valueSets, conceptMaps);
    }

    @Override
    public List<Object> providers() {
        return providers;
    }
}

package org.vnemr.fhir.testing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vnemr.fhir.index.IndexedValues;
import org.vnemr.fhir.index.ResourceIndexer;
import org.vnemr.fhir.validation.InstanceValidator;
import org.vnemr.fhir.rest.Searcher;
import org.vnemr.fhir.store.ConditionalMatcher;
import org.vnemr.fhir.validation.StructureValidator;

import java.util.List;

@Configuration(proxyBeanMethods = false)
class InterimComponents {
    @Bean ResourceIndexer indexer() { return r -> new IndexedValues(); }
    @Bean StructureValidator validator() { return r -> List.of(); }
    @Bean Searcher searcher() { return (t, p, l) -> new Searcher.Page(List.of(), List.of(), null, null); }
    @Bean ConditionalMatcher matcher() { return (t, q, l) -> List.of(); }
    @Bean InstanceValidator instanceValidator() { return (r, p) -> new org.hl7.fhir.r4.model.OperationOutcome(); }
}

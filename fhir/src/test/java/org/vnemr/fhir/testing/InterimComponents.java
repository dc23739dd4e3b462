package org.vnemr.fhir.testing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vnemr.fhir.index.IndexedValues;
import org.vnemr.fhir.index.ResourceIndexer;

@Configuration(proxyBeanMethods = false)
class InterimComponents {
    @Bean ResourceIndexer indexer() { return r -> new IndexedValues(); }
}

package org.vnemr.fhir.index;

import ca.uhn.fhir.context.FhirContext;
import org.junit.jupiter.api.Test;
import org.vnemr.fhir.schema.SearchParamCatalog;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every R4 search-parameter expression of the catalogue either compiles or is a known, listed fallback. */
class JsonIndexerCatalogTest {

    /** The expressions outside the compiled subset; each costs a HAPI parse of the resource on every write. */
    private static final Set<String> EXPECTED_FALLBACKS = Set.of();

    @Test
    void catalog_nearlyAllExpressionsCompileAndTheFallbacksAreListed() {
        SearchParamCatalog catalog = new SearchParamCatalog(FhirContext.forR4Cached());
        JsonResourceIndexer indexer = new JsonResourceIndexer(catalog);
        int total = catalog.resourceTypes().stream().mapToInt(t -> catalog.params(t).size()).sum();
        Map<String, String> fallbacks = indexer.fallbackExpressions();

        System.out.printf("search parameters: %d, compiled: %d, HAPI FHIRPath fallback: %d%n",
                total, total - fallbacks.size(), fallbacks.size());
        fallbacks.forEach((param, expression) -> System.out.println("  fallback " + param + ": " + expression));

        assertThat(fallbacks.keySet()).containsExactlyInAnyOrderElementsOf(EXPECTED_FALLBACKS);
        assertThat(fallbacks.size()).isLessThanOrEqualTo(total / 100);
    }
}

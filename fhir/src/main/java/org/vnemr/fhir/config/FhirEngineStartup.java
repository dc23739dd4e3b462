package org.vnemr.fhir.config;

import ca.uhn.fhir.context.FhirContext;
import org.vnemr.fhir.index.JsonResourceIndexer;
import org.vnemr.fhir.schema.SearchParamCatalog;
import org.vnemr.fhir.validation.FastStructureValidator;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Builds the slow parts of the FHIR engine — the R4 search-parameter catalogue, the compiled indexer and the
 * compiled structure validator, seconds each — on their own threads as soon as the application starts, so
 * they overlap with each other and with the database start; the beans that hand them out wait for them.
 */
public final class FhirEngineStartup {

    private final FhirContext fhirContext;
    private final CompletableFuture<SearchParamCatalog> catalog;
    private final CompletableFuture<JsonResourceIndexer> indexer;
    private final CompletableFuture<FastStructureValidator> validator;

    public FhirEngineStartup(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
        this.catalog = CompletableFuture.supplyAsync(() -> new SearchParamCatalog(fhirContext), FhirEngineStartup::thread);
        this.indexer = catalog.thenApplyAsync(JsonResourceIndexer::new, FhirEngineStartup::thread);
        this.validator = CompletableFuture.supplyAsync(() -> new FastStructureValidator(fhirContext),
                FhirEngineStartup::thread);
    }

    public FhirContext fhirContext() {
        return fhirContext;
    }

    public SearchParamCatalog catalog() {
        return join(catalog);
    }

    public JsonResourceIndexer indexer() {
        return join(indexer);
    }

    public FastStructureValidator validator() {
        return join(validator);
    }

    private static void thread(Runnable work) {
        Thread t = new Thread(work, "vnemr-startup");
        t.setDaemon(true);
        t.start();
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}

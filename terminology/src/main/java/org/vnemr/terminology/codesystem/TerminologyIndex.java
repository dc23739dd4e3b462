package org.vnemr.terminology.codesystem;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import org.vnemr.fhir.error.FhirError;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * All loaded code systems in memory, by canonical URL (and by alias, e.g. the international ICD-10 URL for
 * ICD-10 VN). It becomes ready once the start-up load is done; until then callers wait (at most
 * {@code maxWait}), so the first requests after a start are slow rather than wrong.
 */
public final class TerminologyIndex {

    private final Map<String, String> aliases;
    private final Duration maxWait;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile Map<String, CodeSystemIndex> systems = Map.of();
    private volatile Map<String, String> valueSetToSystem = Map.of();

    /** @param aliases other canonical URLs → the URL of the loaded code system they stand for */
    public TerminologyIndex(Map<String, String> aliases, Duration maxWait) {
        this.aliases = Map.copyOf(aliases);
        this.maxWait = maxWait;
    }

    /** Replaces the whole content (after the loader has run). */
    public synchronized void replaceAll(Collection<CodeSystemIndex> loaded) {
        Map<String, CodeSystemIndex> bySystem = new HashMap<>();
        Map<String, String> implicit = new HashMap<>();
        for (CodeSystemIndex cs : loaded) {
            bySystem.put(cs.url(), cs);
            if (cs.valueSet() != null) {
                implicit.put(cs.valueSet(), cs.url());
            }
        }
        systems = Map.copyOf(bySystem);
        valueSetToSystem = Map.copyOf(implicit);
    }

    public void markReady() {
        ready.complete(null);
    }

    public void markFailed(Throwable cause) {
        ready.completeExceptionally(cause);
    }

    public boolean isReady() {
        return ready.isDone() && !ready.isCompletedExceptionally();
    }

    /** Waits for the start-up load; a failed or too slow load is a 503 with VNEMR-2008. */
    public void awaitReady() {
        if (ready.isDone() && !ready.isCompletedExceptionally()) {
            return;
        }
        try {
            ready.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notReady("interrupted");
        } catch (ExecutionException e) {
            throw notReady(String.valueOf(e.getCause().getMessage()));
        } catch (TimeoutException e) {
            throw notReady("timeout " + maxWait.toSeconds() + " s");
        }
    }

    private static BaseServerResponseException notReady(String reason) {
        BaseServerResponseException e = new UnclassifiedServerFailureException(503, "VNEMR-2008");
        e.setOperationOutcome(FhirError.build(503, "VNEMR-2008", reason).getOperationOutcome());
        return e;
    }

    /** The code system with this canonical URL or alias. */
    public Optional<CodeSystemIndex> system(String url) {
        awaitReady();
        if (url == null) {
            return Optional.empty();
        }
        CodeSystemIndex cs = systems.get(url);
        if (cs == null && aliases.containsKey(url)) {
            cs = systems.get(aliases.get(url));
        }
        return Optional.ofNullable(cs);
    }

    /** The code system whose implicit all-codes value set has this URL. */
    public Optional<CodeSystemIndex> systemOfValueSet(String valueSetUrl) {
        awaitReady();
        String system = valueSetToSystem.get(valueSetUrl);
        return system == null ? Optional.empty() : Optional.ofNullable(systems.get(system));
    }

    /** The canonical URL that {@code url} stands for (itself unless it is an alias). */
    public String canonical(String url) {
        return aliases.getOrDefault(url, url);
    }

    public List<CodeSystemIndex> all() {
        awaitReady();
        return List.copyOf(systems.values());
    }
}

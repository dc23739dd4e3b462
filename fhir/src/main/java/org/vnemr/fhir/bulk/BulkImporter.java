package org.vnemr.fhir.bulk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import org.vnemr.fhir.index.ResourceIndexer;
import org.vnemr.fhir.schema.SearchParamCatalog;
import org.vnemr.fhir.store.CurrentVersion;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.store.PendingWrite;
import org.vnemr.fhir.store.References;
import org.vnemr.fhir.store.ResourceStore;
import org.vnemr.fhir.validation.StructureValidator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Bulk import of NDJSON files (one resource per line, any mix of types, {@code .ndjson} or {@code .ndjson.gz}
 * not needed: plain files) with PostgreSQL COPY. Lines are parsed, checked by the structure validator and
 * indexed in parallel chunks while the previous chunk streams into the database; each chunk is one
 * transaction. A bad line is skipped and reported with its file and line number; the rest goes in.
 * Resources whose id already exists become new versions (the old one moves to history).
 *
 * <p>References are not enforced while importing (a data set's files refer to each other in any order);
 * at the end every reference of the imported resources is checked and the dangling ones are counted and
 * listed in the report.
 */
public class BulkImporter {

    private static final Logger LOG = LoggerFactory.getLogger(BulkImporter.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final int CHUNK = 4000;
    private static final int MAX_REPORTED_PROBLEMS = 100;

    private final ResourceStore store;
    private final SearchParamCatalog catalog;
    private final StructureValidator validator;
    private final ResourceIndexer indexer;
    private final TransactionTemplate transactions;

    public BulkImporter(ResourceStore store, SearchParamCatalog catalog, StructureValidator validator,
                        ResourceIndexer indexer, TransactionTemplate transactions) {
        this.store = store;
        this.catalog = catalog;
        this.validator = validator;
        this.indexer = indexer;
        this.transactions = transactions;
    }

    /** What an import did. */
    public record Report(long imported, long rejected, long danglingReferences, Duration elapsed,
                         Map<String, Long> importedByType, List<String> problems) {

        public double resourcesPerSecond() {
            return elapsed.toNanos() == 0 ? 0 : imported * 1e9 / elapsed.toNanos();
        }
    }

    /** Imports every {@code *.ndjson} file of {@code directory} (sorted by name), or one file. */
    public Report importPath(Path path) {
        List<Path> files = new ArrayList<>();
        try {
            if (Files.isDirectory(path)) {
                try (var list = Files.list(path)) {
                    list.filter(p -> p.getFileName().toString().endsWith(".ndjson")).sorted().forEach(files::add);
                }
            } else {
                files.add(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return importFiles(files);
    }

    public Report importFiles(List<Path> files) {
        long started = System.nanoTime();
        State state = new State();
        // one writer thread streams chunks to PostgreSQL while the shared pool prepares the next chunk
        java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bulk-import-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Path file : files) {
                importFile(file, state, writer);
            }
        } finally {
            writer.shutdown();
        }
        long dangling = checkReferences(state);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        return new Report(state.imported, state.rejected, dangling, elapsed, new TreeMap<>(state.byType),
                List.copyOf(state.problems));
    }

    private void importFile(Path file, State state, java.util.concurrent.Executor writer) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CompletableFuture<Void> writing = CompletableFuture.completedFuture(null);
            List<Line> chunk = new ArrayList<>(CHUNK);
            String text;
            int lineNumber = 0;
            while ((text = reader.readLine()) != null) {
                lineNumber++;
                if (text.isBlank()) {
                    continue;
                }
                chunk.add(new Line(file.getFileName().toString(), lineNumber, text));
                if (chunk.size() == CHUNK) {
                    writing = pipeline(chunk, writing, state, writer);
                    chunk = new ArrayList<>(CHUNK);
                }
            }
            writing = pipeline(chunk, writing, state, writer);
            writing.join();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Prepares {@code chunk} on the pool while the previous chunk is still being written, then writes it. */
    private CompletableFuture<Void> pipeline(List<Line> chunk, CompletableFuture<Void> previous, State state,
                                             java.util.concurrent.Executor writer) {
        if (chunk.isEmpty()) {
            return previous;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Prepared> prepared = chunk.parallelStream().map(line -> prepare(line, now)).toList();
        previous.join();
        return CompletableFuture.runAsync(() -> write(prepared, state), writer);
    }

    private record Line(String file, int number, String text) {
    }

    private record Prepared(Line line, PendingWrite write, List<String> references, String problem) {
    }

    private Prepared prepare(Line line, Instant now) {
        try {
            ObjectNode resource = FhirJson.parseResource(line.text());
            String type = resource.path("resourceType").asText("");
            if (!catalog.isResourceType(type)) {
                return problem(line, "unknown resourceType '" + type + "'");
            }
            List<OperationOutcome.OperationOutcomeIssueComponent> issues = validator.validate(resource);
            for (OperationOutcome.OperationOutcomeIssueComponent issue : issues) {
                if (issue.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                        || issue.getSeverity() == OperationOutcome.IssueSeverity.FATAL) {
                    return problem(line, issue.getDiagnostics());
                }
            }
            String id = resource.hasNonNull("id") ? resource.get("id").asText() : UUID.randomUUID().toString();
            if (!ID.matcher(id).matches()) {
                return problem(line, "invalid id '" + id + "'");
            }
            ObjectNode served = FhirJson.served(resource, id, 1, now);
            List<String> references = new ArrayList<>();
            for (References.Site site : References.collect(served)) {
                String[] typeAndId = site.typeAndId();
                if (typeAndId != null) {
                    references.add(typeAndId[0] + "/" + typeAndId[1]);
                }
            }
            PendingWrite write = new PendingWrite(type, id, 1, now, false, served, FhirJson.write(served),
                    indexer.index(served), false);
            return new Prepared(line, write, references, null);
        } catch (BaseServerResponseException e) {
            return problem(line, e.getMessage());
        } catch (RuntimeException e) {
            return problem(line, e.toString());
        }
    }

    private static Prepared problem(Line line, String message) {
        return new Prepared(line, null, List.of(), message);
    }

    private void write(List<Prepared> prepared, State state) {
        Map<String, LinkedHashMap<String, Prepared>> byType = new LinkedHashMap<>();
        for (Prepared p : prepared) {
            if (p.problem() != null) {
                state.reject(p.line().file() + ":" + p.line().number() + ": " + p.problem());
                continue;
            }
            // the same id twice in a chunk: the later line wins, as it would with two PUTs
            byType.computeIfAbsent(p.write().resourceType(), t -> new LinkedHashMap<>()).put(p.write().id(), p);
        }
        transactions.executeWithoutResult(status -> {
            for (Map.Entry<String, LinkedHashMap<String, Prepared>> group : byType.entrySet()) {
                String type = group.getKey();
                Map<String, CurrentVersion> existing = store.lockCurrentVersions(type, group.getValue().keySet());
                List<PendingWrite> fresh = new ArrayList<>();
                List<PendingWrite> updates = new ArrayList<>();
                for (Prepared p : group.getValue().values()) {
                    CurrentVersion current = existing.get(p.write().id());
                    if (current == null) {
                        fresh.add(p.write());
                    } else {
                        PendingWrite w = p.write();
                        long version = current.versionId() + 1;
                        ObjectNode served = FhirJson.served(w.json(), w.id(), version, w.lastUpdated());
                        updates.add(new PendingWrite(type, w.id(), version, w.lastUpdated(), false, served,
                                FhirJson.write(served), indexer.index(served), true));
                    }
                }
                store.copyNew(type, fresh);
                store.write(updates);
            }
        });
        for (Map.Entry<String, LinkedHashMap<String, Prepared>> group : byType.entrySet()) {
            for (Prepared p : group.getValue().values()) {
                state.accept(p);
            }
        }
    }

    private long checkReferences(State state) {
        long dangling = 0;
        for (Map.Entry<String, Set<String>> e : state.referencedIds.entrySet()) {
            if (!catalog.isResourceType(e.getKey())) {
                dangling += e.getValue().size();
                continue;
            }
            List<String> ids = new ArrayList<>(e.getValue());
            for (int from = 0; from < ids.size(); from += 10_000) {
                List<String> part = ids.subList(from, Math.min(ids.size(), from + 10_000));
                Set<String> found = store.existing(e.getKey(), part);
                for (String id : part) {
                    if (!found.contains(id)) {
                        dangling++;
                        state.problem("dangling reference " + e.getKey() + "/" + id);
                    }
                }
            }
        }
        if (dangling > 0) {
            LOG.warn("Bulk import: {} references point to resources that do not exist", dangling);
        }
        return dangling;
    }

    private static final class State {
        long imported;
        long rejected;
        final Map<String, Long> byType = new HashMap<>();
        final List<String> problems = new ArrayList<>();
        final Map<String, Set<String>> referencedIds = new HashMap<>();

        synchronized void accept(Prepared p) {
            imported++;
            byType.merge(p.write().resourceType(), 1L, Long::sum);
            for (String ref : p.references()) {
                int slash = ref.indexOf('/');
                referencedIds.computeIfAbsent(ref.substring(0, slash), t -> new HashSet<>()).add(ref.substring(slash + 1));
            }
        }

        synchronized void reject(String message) {
            rejected++;
            problem(message);
        }

        synchronized void problem(String message) {
            if (problems.size() < MAX_REPORTED_PROBLEMS) {
                problems.add(message);
            }
        }
    }
}

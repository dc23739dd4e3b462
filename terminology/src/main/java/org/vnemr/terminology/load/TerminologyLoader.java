package org.vnemr.terminology.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.fhir.store.WriteOptions;
import org.vnemr.fhir.store.WriteRequest;
import org.vnemr.fhir.store.WriteService;
import org.vnemr.terminology.TerminologySource;
import org.vnemr.terminology.codesystem.CodeSystemIndex;
import org.vnemr.terminology.codesystem.CodeSystemReader;
import org.vnemr.terminology.codesystem.TerminologyIndex;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Stores the resources of every {@link TerminologySource} in the FHIR store — one transaction per source, and
 * only when the source's version differs from the one recorded in {@code terminology_source} — then fills the
 * in-memory index from the concept table. A normal restart therefore reads one small table and the concept
 * rows; the data files are parsed only when an upgrade ships new ones.
 */
public final class TerminologyLoader {

    private static final Logger LOG = LoggerFactory.getLogger(TerminologyLoader.class);
    /** Imports keep the code lists as published: references to resources not in the store are not refused. */
    private static final WriteOptions IMPORT = new WriteOptions(false, false);

    /** What one run did. */
    public record Report(List<String> loaded, List<String> unchanged, long millis) {
    }

    private final List<TerminologySource> sources;
    private final WriteService writes;
    private final ConceptTable table;
    private final TransactionTemplate transactions;
    private final TerminologyIndex index;

    public TerminologyLoader(List<TerminologySource> sources, WriteService writes, ConceptTable table,
                             TransactionTemplate transactions, TerminologyIndex index) {
        this.sources = sources.stream().sorted(Comparator.comparing(TerminologySource::name)).toList();
        this.writes = writes;
        this.table = table;
        this.transactions = transactions;
        this.index = index;
    }

    /** Loads what changed, refreshes the index and marks it ready; a failure marks it failed and is rethrown. */
    public Report loadAll() {
        long start = System.nanoTime();
        try {
            List<String> loaded = new ArrayList<>();
            List<String> unchanged = new ArrayList<>();
            Map<String, String> versions = table.loadedVersions();
            for (TerminologySource source : sources) {
                if (source.version().equals(versions.get(source.name()))) {
                    unchanged.add(source.name());
                } else if (load(source)) {
                    loaded.add(source.name());
                } else {
                    unchanged.add(source.name());
                }
            }
            long checked = System.nanoTime();
            index.replaceAll(table.readAll());
            index.markReady();
            long millis = (System.nanoTime() - start) / 1_000_000;
            LOG.info("Terminology ready in {} ms (sources checked and loaded in {} ms, index read in {} ms): "
                    + "loaded {}, unchanged {}", millis, (checked - start) / 1_000_000,
                    (System.nanoTime() - checked) / 1_000_000, loaded, unchanged);
            return new Report(List.copyOf(loaded), List.copyOf(unchanged), millis);
        } catch (RuntimeException e) {
            LOG.error("Terminology load failed", e);
            index.markFailed(e);
            throw e;
        }
    }

    /** @return false when another node loaded this version meanwhile */
    private boolean load(TerminologySource source) {
        long start = System.nanoTime();
        String version = source.version();
        List<ObjectNode> resources;
        List<CodeSystemIndex> systems = new ArrayList<>();
        try {
            resources = source.resources();
            for (ObjectNode r : resources) {
                if ("CodeSystem".equals(r.path("resourceType").asText())) {
                    systems.add(CodeSystemReader.read(r));
                }
            }
        } catch (RuntimeException e) {
            throw FhirError.build(500, "VNEMR-2010", source.name(), e.getMessage());
        }
        long read = System.nanoTime();
        Boolean done = transactions.execute(status -> {
            // two nodes starting on one database: the second waits here, then sees the version already loaded
            table.jdbc().query("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", rs -> {
            }, "terminology-source:" + source.name());
            if (version.equals(table.loadedVersions().get(source.name()))) {
                return false;
            }
            List<WriteRequest> requests = new ArrayList<>(resources.size());
            for (ObjectNode r : resources) {
                String type = r.path("resourceType").asText();
                String id = r.path("id").asText(null);
                if (id == null) {
                    throw FhirError.build(500, "VNEMR-2010", source.name(), type + " without id");
                }
                requests.add(WriteRequest.update(type, id, r, null));
            }
            if (!requests.isEmpty()) {
                writes.executeAll(requests, IMPORT);
            }
            table.replaceSource(source.name(), version, resources.size(), systems,
                    (System.nanoTime() - start) / 1_000_000);
            return true;
        });
        LOG.info("Terminology source {} version {} loaded: {} resources, {} concepts in {} ms (files read in {} ms)",
                source.name(), version, resources.size(), systems.stream().mapToInt(CodeSystemIndex::size).sum(),
                (System.nanoTime() - start) / 1_000_000, (read - start) / 1_000_000);
        return Boolean.TRUE.equals(done);
    }
}

package org.vnemr.terminology.catalogue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.transaction.support.TransactionTemplate;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.store.ResourceStore;
import org.vnemr.fhir.store.StoredResource;
import org.vnemr.fhir.store.WriteOptions;
import org.vnemr.fhir.store.WriteRequest;
import org.vnemr.fhir.store.WriteService;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The national catalogues' use cases: import a file as a pending version, preview what it changes, activate it
 * from a date, list versions. Each step is one database transaction over the FHIR resources (through
 * {@link WriteService}, so they are validated, indexed and versioned like any other write) and the relational
 * index; a refused file or a failed step leaves nothing behind.
 */
public class Catalogues {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final WriteOptions WRITE = new WriteOptions(true, false);

    private final Map<CatalogueKind, CatalogueImporter> importers = new EnumMap<>(CatalogueKind.class);
    private final CatalogueStore store;
    private final WriteService writes;
    private final ResourceStore resources;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Catalogues(CatalogueStore store, WriteService writes, ResourceStore resources, TransactionTemplate transactions,
               Clock clock) {
        for (CatalogueImporter importer : List.of(new DrugImporter(), new ServiceImporter(), new SupplyImporter(),
                new BedImporter(), new DepartmentImporter(), new PatientCategoryImporter(), new VisitTypeImporter())) {
            importers.put(importer.kind(), importer);
        }
        this.store = store;
        this.writes = writes;
        this.resources = resources;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The kind named by {@code name} (slug or enum name), or 400 VNEMR-2100. */
    public static CatalogueKind kind(String name) {
        return CatalogueKind.find(name).orElseThrow(() -> FhirError.badRequest("VNEMR-2100", name,
                CatalogueKind.slugs()));
    }

    /**
     * Reads and checks the file, then stores it as a pending version (index rows + a draft CodeSystem).
     *
     * @throws CatalogueImportException with every refused row; nothing is stored then
     */
    public CatalogueVersion importFile(CatalogueKind kind, String sourceName, InputStream xlsx) {
        CatalogueImporter importer = importers.get(kind);
        List<CatalogueEntry> entries = importer.read(xlsx);
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        String id = kind.slug() + "-" + DAY.format(now) + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
        CatalogueVersion version = new CatalogueVersion(id, kind, CatalogueVersion.Status.PENDING, sourceName, now,
                null, null, entries.size());
        transactions.executeWithoutResult(status -> {
            store.insertVersion(version);
            store.insertEntries(id, entries);
            writes.execute(WriteRequest.update("CodeSystem", CatalogueFhir.resourceId(id),
                    CatalogueFhir.codeSystem(version, importer.columns(), entries, false), null), WRITE);
        });
        return version;
    }

    public Optional<CatalogueVersion> version(String id) {
        return store.version(id);
    }

    /** Versions of a catalogue, newest import first. */
    public List<CatalogueVersion> versions(CatalogueKind kind) {
        return store.versions(kind);
    }

    /** The rows of a version, in code order. */
    public List<CatalogueEntry> entries(String versionId) {
        require(versionId);
        return List.copyOf(store.entries(versionId).values());
    }

    /**
     * The row of {@code code} in the version in force on {@code day} — e.g. whether MA_LOAI_KCB 14 may be used for a
     * visit of that day (only from 01/08/2026).
     */
    public Optional<CatalogueEntry> entryOn(CatalogueKind kind, String code, LocalDate day) {
        return store.entryOn(kind, code, day);
    }

    /** What activating {@code versionId} would change against the latest activated version of its catalogue. */
    public CatalogueDiff preview(String versionId) {
        CatalogueVersion version = require(versionId);
        Optional<CatalogueVersion> against = store.latestActive(version.kind())
                .filter(v -> !v.id().equals(versionId));
        return diff(version, against.orElse(null));
    }

    private CatalogueDiff diff(CatalogueVersion version, CatalogueVersion against) {
        Map<String, CatalogueEntry> next = store.entries(version.id());
        Map<String, CatalogueEntry> previous = against == null ? Map.of() : store.entries(against.id());
        List<CatalogueEntry> added = new ArrayList<>();
        List<CatalogueEntry> removed = new ArrayList<>();
        List<CatalogueDiff.Change> changed = new ArrayList<>();
        int unchanged = 0;
        List<Column> columns = importers.get(version.kind()).columns();
        for (CatalogueEntry e : next.values()) {
            CatalogueEntry old = previous.get(e.code());
            if (old == null) {
                added.add(e);
                continue;
            }
            List<CatalogueDiff.FieldChange> fields = new ArrayList<>();
            if (!old.display().equals(e.display())) {
                fields.add(new CatalogueDiff.FieldChange("display", old.display(), e.display()));
            }
            for (Column column : columns) {
                String before = old.field(column.name());
                String after = e.field(column.name());
                if (!Objects.equals(before, after)) {
                    fields.add(new CatalogueDiff.FieldChange(column.name(), before, after));
                }
            }
            if (fields.isEmpty()) {
                unchanged++;
            } else {
                changed.add(new CatalogueDiff.Change(e.code(), e.display(), fields));
            }
        }
        for (CatalogueEntry old : previous.values()) {
            if (!next.containsKey(old.code())) {
                removed.add(old);
            }
        }
        return new CatalogueDiff(version.id(), against == null ? null : against.id(), added, removed, changed,
                unchanged);
    }

    /**
     * Puts a pending version in force from {@code effectiveFrom}; the version in force before it ends the day
     * before. The date must be after the start of the latest activated version (the timeline only grows at its
     * end; a correction of the past is a new version from a later day). Writes the CodeSystem as active with its
     * period, the price list (ChargeItemDefinition) and, for drugs, the MedicationKnowledge of each added or
     * changed drug (removed drugs become inactive).
     */
    public CatalogueVersion activate(String versionId, LocalDate effectiveFrom) {
        return transactions.execute(status -> {
            CatalogueVersion pending = require(versionId);
            store.lockKind(pending.kind());
            pending = require(versionId);
            if (pending.status() != CatalogueVersion.Status.PENDING) {
                throw FhirError.conflict("VNEMR-2114", versionId, pending.status().name().toLowerCase());
            }
            Optional<CatalogueVersion> previous = store.latestActive(pending.kind());
            if (previous.isPresent() && !effectiveFrom.isAfter(previous.get().effectiveFrom())) {
                throw FhirError.unprocessable("VNEMR-2115", effectiveFrom.toString(), previous.get().id(),
                        previous.get().effectiveFrom().toString());
            }
            CatalogueDiff diff = diff(pending, previous.orElse(null));
            List<WriteRequest> requests = new ArrayList<>();
            if (previous.isPresent()) {
                LocalDate lastDay = effectiveFrom.minusDays(1);
                store.end(previous.get().id(), lastDay);
                requests.addAll(endPeriod(previous.get().id(), pending.kind().priced(), lastDay));
            }
            if (!store.activate(versionId, effectiveFrom)) {
                throw FhirError.conflict("VNEMR-2114", versionId, "active");
            }
            CatalogueVersion active = require(versionId);
            List<CatalogueEntry> entries = List.copyOf(store.entries(versionId).values());
            requests.add(WriteRequest.update("CodeSystem", CatalogueFhir.resourceId(versionId),
                    CatalogueFhir.codeSystem(active, importers.get(active.kind()).columns(), entries, true), null));
            ObjectNode prices = CatalogueFhir.chargeItemDefinition(active, entries);
            if (prices != null) {
                requests.add(WriteRequest.update("ChargeItemDefinition", CatalogueFhir.resourceId(versionId), prices,
                        null));
            }
            if (active.kind() == CatalogueKind.DRUG) {
                requests.addAll(drugKnowledge(versionId, diff));
            }
            writes.executeAll(requests, WRITE);
            return active;
        });
    }

    /** The previous version's CodeSystem and price list get the end of their period. */
    private List<WriteRequest> endPeriod(String versionId, boolean priced, LocalDate lastDay) {
        List<WriteRequest> requests = new ArrayList<>();
        String id = CatalogueFhir.resourceId(versionId);
        ObjectNode cs = current("CodeSystem", id);
        if (cs != null) {
            for (com.fasterxml.jackson.databind.JsonNode ext : cs.withArray("extension")) {
                if (CatalogueFhir.EFFECTIVE_PERIOD.equals(ext.path("url").asText())) {
                    ((ObjectNode) ext.get("valuePeriod")).put("end", lastDay.toString());
                }
            }
            requests.add(WriteRequest.update("CodeSystem", id, cs, null));
        }
        ObjectNode cid = priced ? current("ChargeItemDefinition", id) : null;
        if (cid != null) {
            cid.withObject("effectivePeriod").put("end", lastDay.toString());
            requests.add(WriteRequest.update("ChargeItemDefinition", id, cid, null));
        }
        return requests;
    }

    private List<WriteRequest> drugKnowledge(String versionId, CatalogueDiff diff) {
        List<WriteRequest> requests = new ArrayList<>();
        Map<String, CatalogueEntry> entries = store.entries(versionId);
        List<CatalogueEntry> written = new ArrayList<>(diff.added());
        diff.changed().forEach(c -> written.add(entries.get(c.code())));
        for (CatalogueEntry drug : written) {
            ObjectNode mk = CatalogueFhir.medicationKnowledge(versionId, drug, true);
            requests.add(WriteRequest.update("MedicationKnowledge", mk.get("id").asText(), mk, null));
        }
        for (CatalogueEntry drug : diff.removed()) {
            ObjectNode mk = CatalogueFhir.medicationKnowledge(versionId, drug, false);
            requests.add(WriteRequest.update("MedicationKnowledge", mk.get("id").asText(), mk, null));
        }
        return requests;
    }

    private ObjectNode current(String type, String id) {
        Optional<StoredResource> stored = resources.read(type, id);
        if (stored.isEmpty() || stored.get().deleted()) {
            return null;
        }
        ObjectNode body = FhirJson.parseResource(stored.get().json());
        body.remove("meta");
        return body;
    }

    private CatalogueVersion require(String versionId) {
        if (versionId == null || versionId.isBlank()) {
            throw FhirError.badRequest("VNEMR-2116", "version");
        }
        return store.version(versionId).orElseThrow(() -> FhirError.notFound("VNEMR-2113", versionId));
    }
}

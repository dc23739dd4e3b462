package org.vnemr.fhir.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.support.TransactionTemplate;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.fhir.index.IndexedValues;
import org.vnemr.fhir.index.ResourceIndexer;
import org.vnemr.fhir.schema.SearchParamCatalog;
import org.vnemr.fhir.validation.InstanceValidator;
import org.vnemr.fhir.validation.ProfileValidator;
import org.vnemr.fhir.validation.StructureValidator;
import org.vnemr.fhir.validation.ValidationContext;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Carries out a list of changes as ONE database transaction: a single create/update/delete/patch is a list of
 * one, a FHIR transaction Bundle is the whole list. The order of work follows the FHIR transaction rules:
 * resolve target ids (conditional matches under an advisory lock, so racing conditional creates make one
 * resource), rewrite {@code urn:uuid} and conditional references, validate, lock and version-check the
 * current rows, check referential integrity, index, and write in batches. Nothing is written unless
 * everything succeeds; unique-key races and deadlocks are retried a few times.
 */
public class WriteService {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final int ATTEMPTS = 4;
    /**
     * Problems an import with relaxed integrity stores anyway (as warnings): an import must keep the source
     * system's records as they are, including missing required elements and references that cannot be
     * checked here. Malformed structure, unknown elements and bad values are refused in every mode.
     */
    private static final Set<String> RELAXED_IN_IMPORTS = Set.of("VNEMR-1107", "VNEMR-1116", "VNEMR-1118",
            "VNEMR-1131");

    private final ResourceStore store;
    private final SearchParamCatalog catalog;
    private final StructureValidator structureValidator;
    private final List<ProfileValidator> profileValidators;
    private final List<WriteGuard> guards;
    private final InstanceValidator instanceValidator;
    private final ResourceIndexer indexer;
    private final ConditionalMatcher matcher;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final List<WriteListener> listeners;

    public WriteService(ResourceStore store, SearchParamCatalog catalog, StructureValidator structureValidator,
                        List<ProfileValidator> profileValidators, List<WriteGuard> guards,
                        InstanceValidator instanceValidator, ResourceIndexer indexer, ConditionalMatcher matcher,
                        TransactionTemplate transactions, Clock clock) {
        this(store, catalog, structureValidator, profileValidators, guards, List.of(), instanceValidator, indexer,
                matcher, transactions, clock);
    }

    public WriteService(ResourceStore store, SearchParamCatalog catalog, StructureValidator structureValidator,
                        List<ProfileValidator> profileValidators, List<WriteGuard> guards,
                        List<WriteListener> listeners, InstanceValidator instanceValidator, ResourceIndexer indexer,
                        ConditionalMatcher matcher, TransactionTemplate transactions, Clock clock) {
        this.listeners = List.copyOf(listeners);
        this.store = store;
        this.catalog = catalog;
        this.structureValidator = structureValidator;
        this.profileValidators = List.copyOf(profileValidators);
        this.guards = List.copyOf(guards);
        this.instanceValidator = instanceValidator;
        this.indexer = indexer;
        this.matcher = matcher;
        this.transactions = transactions;
        this.clock = clock;
    }

    public WriteOutcome execute(WriteRequest request, WriteOptions options) {
        return executeAll(List.of(request), options).get(0);
    }

    /** All requests in one transaction; the outcomes in request order. */
    public List<WriteOutcome> executeAll(List<WriteRequest> requests, WriteOptions options) {
        for (int attempt = 1; ; attempt++) {
            List<WriteRequest> copies = new ArrayList<>(requests.size());
            for (WriteRequest r : requests) {
                // every attempt works on copies: references are rewritten in place, and a retry needs the originals
                copies.add(r.resource() == null ? r : r.withResource(r.resource().deepCopy()));
            }
            try {
                return transactions.execute(status -> new Unit(copies, options).run());
            } catch (DuplicateKeyException | PessimisticLockingFailureException e) {
                // two writers created the same id, or deadlocked: run the whole unit again
                if (attempt >= ATTEMPTS) {
                    throw FhirError.conflict("VNEMR-1025", describe(requests));
                }
            }
        }
    }

    private static String describe(List<WriteRequest> requests) {
        WriteRequest first = requests.get(0);
        return first.type() + (first.id() != null ? "/" + first.id() : "");
    }

    /** One attempt of one transaction. */
    private final class Unit {

        private final List<WriteRequest> requests;
        private final WriteOptions options;
        private final Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        private final String[] targetIds;
        private final boolean[] matchedExisting;
        private final Map<String, String> fullUrlToReference = new HashMap<>();
        /** The reference sites of each request's body, found once and kept up to date by the rewrite. */
        private final Map<Integer, List<References.Site>> sites = new HashMap<>();

        Unit(List<WriteRequest> requests, WriteOptions options) {
            this.requests = requests;
            this.options = options;
            this.targetIds = new String[requests.size()];
            this.matchedExisting = new boolean[requests.size()];
        }

        List<WriteOutcome> run() {
            resolveTargets();
            rewriteReferences();
            Map<String, Map<String, CurrentVersion>> current = lockCurrentRows();
            guard(current);
            ObjectNode[] finalBodies = applyPatches(current);
            validate(finalBodies);
            checkIntegrity(finalBodies);
            return write(finalBodies, current);
        }

        /** Ids for every entry; conditional forms are matched now, under an advisory lock per condition. */
        private void resolveTargets() {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < requests.size(); i++) {
                WriteRequest r = requests.get(i);
                if (!catalog.isResourceType(r.type())) {
                    throw FhirError.badRequest("VNEMR-1004", r.type());
                }
                if (r.resource() != null) {
                    String bodyType = r.resource().path("resourceType").asText(null);
                    if (!r.type().equals(bodyType)) {
                        throw FhirError.badRequest("VNEMR-1006", bodyType, r.type());
                    }
                }
                String id = r.id();
                if (id == null && r.condition() != null) {
                    lockCondition(r.type(), r.condition());
                    List<String> matches = matcher.matchIds(r.type(), r.condition(), 2);
                    if (matches.size() > 1) {
                        throw FhirError.preconditionFailed("VNEMR-1010", r.type(), matches.size());
                    }
                    if (matches.size() == 1) {
                        id = matches.get(0);
                        matchedExisting[i] = true;
                        if (r.kind() == WriteRequest.Kind.UPDATE) {
                            String bodyId = r.resource().path("id").asText(null);
                            if (bodyId != null && !bodyId.equals(id)) {
                                throw FhirError.badRequest("VNEMR-1007", bodyId, id);
                            }
                        }
                    }
                }
                if (id == null) {
                    if (r.kind() == WriteRequest.Kind.UPDATE && r.resource().hasNonNull("id")) {
                        id = r.resource().get("id").asText();
                    } else if (r.kind() == WriteRequest.Kind.DELETE) {
                        id = null; // conditional delete that matched nothing: nothing to do
                    } else {
                        id = UUID.randomUUID().toString();
                    }
                }
                if (id != null && !ID.matcher(id).matches()) {
                    throw FhirError.badRequest("VNEMR-1008", id);
                }
                if (r.kind() == WriteRequest.Kind.UPDATE && r.id() != null) {
                    String bodyId = r.resource().path("id").asText(null);
                    if (bodyId == null || !bodyId.equals(r.id())) {
                        throw FhirError.badRequest("VNEMR-1007", bodyId, r.id());
                    }
                }
                targetIds[i] = id;
                boolean writes = id != null && !(r.kind() == WriteRequest.Kind.CREATE && matchedExisting[i]);
                if (writes && !seen.add(r.type() + "/" + id)) {
                    throw FhirError.badRequest("VNEMR-1016", r.type() + "/" + id);
                }
                if (r.fullUrl() != null && id != null) {
                    if (fullUrlToReference.put(r.fullUrl(), r.type() + "/" + id) != null) {
                        throw FhirError.badRequest("VNEMR-1018", r.fullUrl());
                    }
                }
            }
        }

        /**
         * Serialises writers with the same condition until this transaction ends. The key is the decoded,
         * sorted criteria, so {@code identifier=a|1&active=true} and {@code active=true&identifier=a%7C1} wait
         * for each other too.
         */
        private void lockCondition(String type, String condition) {
            List<String> criteria = new ArrayList<>();
            for (String part : condition.split("&")) {
                if (!part.isEmpty()) {
                    criteria.add(java.net.URLDecoder.decode(part, java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            java.util.Collections.sort(criteria);
            store.jdbc().query("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", rs -> {
            }, type + "?" + String.join("&", criteria));
        }

        /** urn:uuid and other fullUrls of this Bundle → Type/id; conditional references → the one match. */
        private void rewriteReferences() {
            for (int i = 0; i < requests.size(); i++) {
                WriteRequest r = requests.get(i);
                if (r.resource() == null) {
                    continue;
                }
                List<References.Site> found = References.collect(r.resource());
                for (int k = 0; k < found.size(); k++) {
                    References.Site site = found.get(k);
                    String replacement = rewrite(site.reference());
                    if (!replacement.equals(site.reference())) {
                        site.owner().put("reference", replacement);
                        found.set(k, new References.Site(site.path(), site.owner(), replacement));
                    }
                }
                sites.put(i, found);
            }
        }

        private String rewrite(String reference) {
            String mapped = fullUrlToReference.get(reference);
            if (mapped != null) {
                return mapped;
            }
            int q = reference.indexOf('?');
            if (q > 0 && !reference.contains("/") && !reference.startsWith("urn:")) {
                String type = reference.substring(0, q);
                if (!catalog.isResourceType(type)) {
                    throw FhirError.badRequest("VNEMR-1004", type);
                }
                List<String> matches = matcher.matchIds(type, reference.substring(q + 1), 2);
                if (matches.isEmpty()) {
                    throw FhirError.unprocessable("VNEMR-1017", reference);
                }
                if (matches.size() > 1) {
                    throw FhirError.preconditionFailed("VNEMR-1019", reference, matches.size());
                }
                return type + "/" + matches.get(0);
            }
            return reference;
        }

        /** Locks the rows that will change, batched per type; checks If-Match. */
        private Map<String, Map<String, CurrentVersion>> lockCurrentRows() {
            Map<String, Set<String>> idsByType = new LinkedHashMap<>();
            for (int i = 0; i < requests.size(); i++) {
                WriteRequest r = requests.get(i);
                if (targetIds[i] != null && !(r.kind() == WriteRequest.Kind.CREATE)) {
                    idsByType.computeIfAbsent(r.type(), t -> new java.util.TreeSet<>()).add(targetIds[i]);
                }
            }
            Map<String, Map<String, CurrentVersion>> current = new HashMap<>();
            for (Map.Entry<String, Set<String>> e : idsByType.entrySet()) {
                current.put(e.getKey(), store.lockCurrentVersions(e.getKey(), e.getValue()));
            }
            for (int i = 0; i < requests.size(); i++) {
                WriteRequest r = requests.get(i);
                if (r.ifMatch() == null || targetIds[i] == null) {
                    continue;
                }
                CurrentVersion version = current.getOrDefault(r.type(), Map.of()).get(targetIds[i]);
                long actual = version == null ? 0 : version.versionId();
                if (actual != r.ifMatch()) {
                    throw FhirError.preconditionFailed("VNEMR-1009", r.type() + "/" + targetIds[i], r.ifMatch(),
                            actual);
                }
            }
            return current;
        }

        private ObjectNode[] applyPatches(Map<String, Map<String, CurrentVersion>> current) {
            ObjectNode[] bodies = new ObjectNode[requests.size()];
            for (int i = 0; i < requests.size(); i++) {
                WriteRequest r = requests.get(i);
                if (r.kind() == WriteRequest.Kind.PATCH) {
                    CurrentVersion version = current.getOrDefault(r.type(), Map.of()).get(targetIds[i]);
                    if (version == null) {
                        throw FhirError.notFound("VNEMR-1001", r.type(), targetIds[i]);
                    }
                    if (version.deleted()) {
                        throw FhirError.gone("VNEMR-1002", r.type(), targetIds[i]);
                    }
                    StoredResource stored = store.read(r.type(), targetIds[i]).orElseThrow();
                    ObjectNode patched = JsonPatch.apply(FhirJson.parseResource(stored.json()), r.patch());
                    if (!r.type().equals(patched.path("resourceType").asText())
                            || !targetIds[i].equals(patched.path("id").asText())) {
                        throw FhirError.badRequest("VNEMR-1024", "resourceType and id must not change");
                    }
                    bodies[i] = patched;
                } else {
                    bodies[i] = r.resource();
                }
            }
            return bodies;
        }

        /** Asks every {@link WriteGuard} about each change to a resource that exists and is not deleted. */
        private void guard(Map<String, Map<String, CurrentVersion>> current) {
            if (guards.isEmpty()) {
                return;
            }
            for (int i = 0; i < requests.size(); i++) {
                WriteRequest r = requests.get(i);
                if (r.kind() == WriteRequest.Kind.CREATE || targetIds[i] == null) {
                    continue;
                }
                CurrentVersion version = current.getOrDefault(r.type(), Map.of()).get(targetIds[i]);
                if (version == null || version.deleted()) {
                    continue;
                }
                WriteGuard.Change change = new WriteGuard.Change(r.kind(), r.type(), targetIds[i],
                        version.versionId());
                for (WriteGuard g : guards) {
                    g.check(change);
                }
            }
        }

        /** Resolves references against this unit's own bodies first, then the store (same transaction). */
        private ValidationContext validationContext(ObjectNode[] bodies) {
            Map<String, ObjectNode> inUnit = new HashMap<>();
            for (int i = 0; i < bodies.length; i++) {
                if (bodies[i] != null && targetIds[i] != null) {
                    inUnit.put(requests.get(i).type() + "/" + targetIds[i], bodies[i]);
                }
            }
            return reference -> {
                int slash = reference == null ? -1 : reference.indexOf('/');
                if (slash <= 0) {
                    return Optional.empty();
                }
                String relative = reference.indexOf('/', slash + 1) > 0
                        ? reference.substring(0, reference.indexOf('/', slash + 1)) : reference;
                ObjectNode here = inUnit.get(relative);
                if (here != null) {
                    return Optional.of(here);
                }
                String type = relative.substring(0, slash);
                if (!catalog.isResourceType(type)) {
                    return Optional.empty();
                }
                return store.read(type, relative.substring(slash + 1))
                        .filter(stored -> !stored.deleted() && stored.json() != null)
                        .map(stored -> FhirJson.parseResource(stored.json()));
            };
        }

        private void validate(ObjectNode[] bodies) {
            List<OperationOutcome.OperationOutcomeIssueComponent> errors = new ArrayList<>();
            ValidationContext context = profileValidators.isEmpty() ? ValidationContext.NONE
                    : validationContext(bodies);
            boolean structural = false;
            for (int i = 0; i < bodies.length; i++) {
                if (bodies[i] == null || (requests.get(i).kind() == WriteRequest.Kind.CREATE && matchedExisting[i])) {
                    continue;
                }
                List<OperationOutcome.OperationOutcomeIssueComponent> issues = new ArrayList<>(
                        structureValidator.validate(bodies[i]));
                for (ProfileValidator profile : profileValidators) {
                    issues.addAll(profile.validate(bodies[i], context));
                }
                if (options.strictValidation() && issues.isEmpty()) {
                    issues.addAll(instanceValidator.validate(bodies[i], null).getIssue());
                }
                for (OperationOutcome.OperationOutcomeIssueComponent issue : issues) {
                    if (!options.referentialIntegrity() && issue.getDetails().getCoding().stream()
                            .anyMatch(c -> RELAXED_IN_IMPORTS.contains(c.getCode()))) {
                        continue;
                    }
                    if (issue.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                            || issue.getSeverity() == OperationOutcome.IssueSeverity.FATAL) {
                        if (requests.size() > 1) {
                            prefixEntry(issue, i);
                        }
                        structural |= issue.getCode() == OperationOutcome.IssueType.STRUCTURE;
                        errors.add(issue);
                    }
                }
            }
            if (!errors.isEmpty()) {
                throw FhirError.withOutcome(structural ? 400 : 422, FhirError.outcome(errors));
            }
        }

        private void prefixEntry(OperationOutcome.OperationOutcomeIssueComponent issue, int entry) {
            List<org.hl7.fhir.r4.model.StringType> expressions = issue.getExpression();
            if (expressions.isEmpty()) {
                issue.addExpression("Bundle.entry[" + entry + "].resource");
            } else {
                for (org.hl7.fhir.r4.model.StringType e : expressions) {
                    e.setValue("Bundle.entry[" + entry + "].resource." + e.getValue());
                }
            }
            issue.setDiagnostics("Bundle.entry[" + entry + "]: " + issue.getDiagnostics());
        }

        /** Every relative reference of a written resource must exist now or be written by this transaction. */
        private void checkIntegrity(ObjectNode[] bodies) {
            Set<String> writtenAlive = new HashSet<>();
            Set<String> deletedHere = new HashSet<>();
            for (int i = 0; i < requests.size(); i++) {
                WriteRequest r = requests.get(i);
                if (targetIds[i] == null) {
                    continue;
                }
                (r.kind() == WriteRequest.Kind.DELETE ? deletedHere : writtenAlive).add(r.type() + "/" + targetIds[i]);
            }
            Map<String, Set<String>> wanted = new LinkedHashMap<>();
            Map<String, References.Site> firstSite = new HashMap<>();
            Map<String, Integer> siteEntry = new HashMap<>();
            for (int i = 0; i < bodies.length; i++) {
                if (bodies[i] == null || (requests.get(i).kind() == WriteRequest.Kind.CREATE && matchedExisting[i])) {
                    continue;
                }
                List<References.Site> bodySites = bodies[i] == requests.get(i).resource() && sites.containsKey(i)
                        ? sites.get(i) : References.collect(bodies[i]);
                for (References.Site site : bodySites) {
                    String ref = site.reference();
                    if (ref.startsWith("#") || ref.startsWith("http://") || ref.startsWith("https://")
                            || ref.startsWith("urn:oid:")) {
                        continue;
                    }
                    if (ref.startsWith("urn:uuid:")) {
                        if (options.referentialIntegrity()) {
                            throw FhirError.unprocessable("VNEMR-1011", site.path(), ref);
                        }
                        continue;
                    }
                    if (!options.referentialIntegrity()) {
                        continue;
                    }
                    String[] typeAndId = site.typeAndId();
                    if (typeAndId == null || !catalog.isResourceType(typeAndId[0])) {
                        throw FhirError.badRequest("VNEMR-1012", site.path(), ref);
                    }
                    String key = typeAndId[0] + "/" + typeAndId[1];
                    if (deletedHere.contains(key)) {
                        throw FhirError.unprocessable("VNEMR-1011", entryPath(i, site.path()), ref);
                    }
                    if (writtenAlive.contains(key)) {
                        continue;
                    }
                    wanted.computeIfAbsent(typeAndId[0], t -> new HashSet<>()).add(typeAndId[1]);
                    firstSite.putIfAbsent(key, site);
                    siteEntry.putIfAbsent(key, i);
                }
            }
            for (Map.Entry<String, Set<String>> e : wanted.entrySet()) {
                Set<String> found = store.existing(e.getKey(), e.getValue());
                for (String id : e.getValue()) {
                    if (!found.contains(id)) {
                        String key = e.getKey() + "/" + id;
                        References.Site site = firstSite.get(key);
                        throw FhirError.unprocessable("VNEMR-1011", entryPath(siteEntry.get(key), site.path()),
                                site.reference());
                    }
                }
            }
        }

        private String entryPath(int entry, String path) {
            return requests.size() > 1 ? "Bundle.entry[" + entry + "].resource." + path : path;
        }

        private List<WriteOutcome> write(ObjectNode[] bodies, Map<String, Map<String, CurrentVersion>> current) {
            List<PendingWrite> pending = new ArrayList<>();
            List<WriteOutcome> outcomes = new ArrayList<>(requests.size());
            for (int i = 0; i < requests.size(); i++) {
                WriteRequest r = requests.get(i);
                String id = targetIds[i];
                if (r.kind() == WriteRequest.Kind.CREATE && matchedExisting[i]) {
                    outcomes.add(new WriteOutcome(store.read(r.type(), id).orElseThrow(), false, false));
                    continue;
                }
                if (id == null) { // conditional delete without a match
                    outcomes.add(new WriteOutcome(null, false, false));
                    continue;
                }
                CurrentVersion version = r.kind() == WriteRequest.Kind.CREATE ? null
                        : current.getOrDefault(r.type(), Map.of()).get(id);
                if (r.kind() == WriteRequest.Kind.DELETE) {
                    if (version == null) {
                        outcomes.add(new WriteOutcome(null, false, false));
                        continue;
                    }
                    if (version.deleted()) {
                        outcomes.add(new WriteOutcome(new StoredResource(r.type(), id, version.versionId(), now, true,
                                null), false, false));
                        continue;
                    }
                    PendingWrite tombstone = new PendingWrite(r.type(), id, version.versionId() + 1, now, true, null,
                            null, null, true);
                    pending.add(tombstone);
                    outcomes.add(new WriteOutcome(tombstone.stored(), false, true));
                    continue;
                }
                long nextVersion = version == null ? 1 : version.versionId() + 1;
                ObjectNode served = FhirJson.served(bodies[i], id, nextVersion, now);
                IndexedValues values = indexer.index(served);
                PendingWrite write = new PendingWrite(r.type(), id, nextVersion, now, false, served,
                        FhirJson.write(served), values, version != null);
                pending.add(write);
                outcomes.add(new WriteOutcome(write.stored(), version == null || version.deleted(), true));
            }
            store.write(pending);
            if (!listeners.isEmpty() && !pending.isEmpty()) {
                List<StoredResource> versions = pending.stream().map(PendingWrite::stored).toList();
                for (WriteListener listener : listeners) {
                    listener.written(versions);
                }
            }
            return outcomes;
        }
    }
}

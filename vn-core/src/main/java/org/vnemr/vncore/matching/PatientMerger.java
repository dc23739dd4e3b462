package org.vnemr.vncore.matching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.store.ResourceStore;
import org.vnemr.fhir.store.StoredResource;
import org.vnemr.fhir.store.WriteOptions;
import org.vnemr.fhir.store.WriteOutcome;
import org.vnemr.fhir.store.WriteRequest;
import org.vnemr.fhir.store.WriteService;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Gộp hồ sơ trùng — merges a duplicate patient record (source) into the one that stays (target) without
 * rewriting anything else: both records and both histories stay, the chart follows the links.
 * <ul>
 *   <li>source: {@code active = false}, {@code link} {@code replaced-by} → target;</li>
 *   <li>target: {@code link} {@code replaces} → source, plus the source's identifiers it lacks, marked
 *       {@code use = old};</li>
 *   <li>an {@code AuditEvent} (rest / merge) naming both patients, the user and the reason;</li>
 *   <li>a row in {@code vncore_patient_merge} keeping what changed, so {@link #unmerge} undoes exactly that.</li>
 * </ul>
 * All of it is one database transaction: either everything is written or nothing. Merging a patient into
 * itself, into an inactive or merged record, or a record that others were merged into (chains) is refused.
 */
public class PatientMerger {

    static final String AUDIT_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    static final String AUDIT_SUBTYPE_SYSTEM = "https://vnemr.org/fhir/CodeSystem/patient-merge-event";
    private static final WriteOptions OPTIONS = new WriteOptions(true, false);

    private static final String SQL_INSERT_MERGE = """
            INSERT INTO vncore_patient_merge (id, source_id, target_id, source_active, added_identifiers, reason,
              merged_by, merged_at, merge_audit_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String SQL_SELECT_OPEN_MERGE = """
            SELECT id, source_active, added_identifiers FROM vncore_patient_merge
            WHERE source_id = ? AND target_id = ? AND unmerged_at IS NULL FOR UPDATE""";
    private static final String SQL_COUNT_MERGED_INTO = """
            SELECT count(*) FROM vncore_patient_merge WHERE target_id = ? AND unmerged_at IS NULL""";
    private static final String SQL_UPDATE_UNMERGED = """
            UPDATE vncore_patient_merge SET unmerged_by = ?, unmerged_at = ?, unmerge_audit_id = ? WHERE id = ?""";

    private final ResourceStore store;
    private final WriteService writes;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public PatientMerger(ResourceStore store, WriteService writes, JdbcTemplate jdbc,
                         TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.writes = writes;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Merges {@code sourceId} into {@code targetId}.
     *
     * @param reason why (shown in the audit trail); may be null
     * @param user   who asked; "system" when nobody is signed in
     */
    public MergeOutcome merge(String sourceId, String targetId, String reason, String user) {
        if (sourceId.equals(targetId)) {
            throw FhirError.unprocessable("VNEMR-3110", sourceId);
        }
        return transactions.execute(status -> {
            Map<String, Long> versions = lock(sourceId, targetId);
            ObjectNode source = load(sourceId);
            ObjectNode target = load(targetId);
            PatientFacts sourceFacts = PatientFacts.of(source);
            PatientFacts targetFacts = PatientFacts.of(target);
            if (sourceFacts.replaced() || !sourceFacts.active()) {
                throw FhirError.unprocessable("VNEMR-3113", sourceId);
            }
            if (sourceFacts.replaces() || mergedInto(sourceId) > 0) {
                throw FhirError.unprocessable("VNEMR-3115", sourceId);
            }
            if (targetFacts.replaced() || !targetFacts.active()) {
                throw FhirError.unprocessable("VNEMR-3114", targetId);
            }
            JsonNode sourceActive = source.get("active");
            ObjectNode newSource = source.deepCopy();
            newSource.put("active", false);
            addLink(newSource, targetId, "replaced-by");
            ObjectNode newTarget = target.deepCopy();
            addLink(newTarget, sourceId, "replaces");
            ArrayNode added = copyMissingIdentifiers(source, newTarget);

            String mergeId = UUID.randomUUID().toString();
            Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
            ObjectNode audit = auditEvent("merge", "Gộp hồ sơ bệnh nhân", mergeId, sourceId, targetId, reason, user,
                    now, added);
            List<WriteOutcome> outcomes = writes.executeAll(List.of(
                    WriteRequest.update("Patient", sourceId, newSource, versions.get(sourceId)),
                    WriteRequest.update("Patient", targetId, newTarget, versions.get(targetId)),
                    WriteRequest.create(audit, null)), OPTIONS);
            String auditId = outcomes.get(2).resource().id();
            jdbc.update(SQL_INSERT_MERGE, mergeId, sourceId, targetId,
                    sourceActive == null ? null : FhirJson.write(sourceActive), FhirJson.write(added), reason, user,
                    Timestamp.from(now), auditId);
            return new MergeOutcome(mergeId, outcomes.get(0).resource().json(), outcomes.get(1).resource().json(),
                    auditId);
        });
    }

    /**
     * Undoes the open merge of {@code sourceId} into {@code targetId}: removes the two links and the
     * identifiers the merge copied, gives the source back its {@code active} element, and audits it. Changes
     * made to either record since the merge are kept.
     */
    public MergeOutcome unmerge(String sourceId, String targetId, String reason, String user) {
        return transactions.execute(status -> {
            List<Map<String, Object>> rows = jdbc.queryForList(SQL_SELECT_OPEN_MERGE, sourceId, targetId);
            if (rows.isEmpty()) {
                throw FhirError.unprocessable("VNEMR-3120", sourceId, targetId);
            }
            Map<String, Object> row = rows.get(0);
            String mergeId = (String) row.get("id");
            Map<String, Long> versions = lock(sourceId, targetId);
            ObjectNode newSource = load(sourceId).deepCopy();
            ObjectNode newTarget = load(targetId).deepCopy();
            removeLink(newSource, targetId, "replaced-by");
            String active = (String) row.get("source_active");
            if (active == null) {
                newSource.remove("active");
            } else {
                newSource.set("active", parse(active));
            }
            removeLink(newTarget, sourceId, "replaces");
            ArrayNode added = (ArrayNode) parse((String) row.get("added_identifiers"));
            removeIdentifiers(newTarget, added);

            Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
            ObjectNode audit = auditEvent("unmerge", "Tách hồ sơ bệnh nhân đã gộp", mergeId, sourceId, targetId,
                    reason, user, now, added);
            List<WriteOutcome> outcomes = writes.executeAll(List.of(
                    WriteRequest.update("Patient", sourceId, newSource, versions.get(sourceId)),
                    WriteRequest.update("Patient", targetId, newTarget, versions.get(targetId)),
                    WriteRequest.create(audit, null)), OPTIONS);
            String auditId = outcomes.get(2).resource().id();
            jdbc.update(SQL_UPDATE_UNMERGED, user, Timestamp.from(now), auditId, mergeId);
            return new MergeOutcome(mergeId, outcomes.get(0).resource().json(), outcomes.get(1).resource().json(),
                    auditId);
        });
    }

    /** Locks both rows (in id order, so two merges of the same pair cannot deadlock); version per id. */
    private Map<String, Long> lock(String sourceId, String targetId) {
        var locked = store.lockCurrentVersions("Patient", new TreeSet<>(List.of(sourceId, targetId)));
        Map<String, Long> versions = new java.util.HashMap<>();
        for (String id : List.of(sourceId, targetId)) {
            var version = locked.get(id);
            if (version == null) {
                throw FhirError.notFound("VNEMR-3111", id);
            }
            if (version.deleted()) {
                throw FhirError.gone("VNEMR-3112", id);
            }
            versions.put(id, version.versionId());
        }
        return versions;
    }

    private ObjectNode load(String id) {
        StoredResource stored = store.read("Patient", id).orElseThrow(() -> FhirError.notFound("VNEMR-3111", id));
        if (stored.deleted() || stored.json() == null) {
            throw FhirError.gone("VNEMR-3112", id);
        }
        return FhirJson.parseResource(stored.json());
    }

    private int mergedInto(String id) {
        Integer n = jdbc.queryForObject(SQL_COUNT_MERGED_INTO, Integer.class, id);
        return n == null ? 0 : n;
    }

    private static void addLink(ObjectNode patient, String otherId, String type) {
        ArrayNode links = patient.has("link") && patient.get("link").isArray() ? (ArrayNode) patient.get("link")
                : patient.putArray("link");
        ObjectNode link = links.addObject();
        link.putObject("other").put("reference", "Patient/" + otherId);
        link.put("type", type);
    }

    private static void removeLink(ObjectNode patient, String otherId, String type) {
        JsonNode links = patient.get("link");
        if (links == null || !links.isArray()) {
            return;
        }
        for (Iterator<JsonNode> it = links.iterator(); it.hasNext(); ) {
            JsonNode link = it.next();
            if (type.equals(link.path("type").asText())
                    && ("Patient/" + otherId).equals(link.path("other").path("reference").asText())) {
                it.remove();
                break;
            }
        }
        if (links.isEmpty()) {
            patient.remove("link");
        }
    }

    /** Copies to the target each source identifier whose normalised value it lacks; returns the copies. */
    private static ArrayNode copyMissingIdentifiers(ObjectNode source, ObjectNode target) {
        ArrayNode added = FhirJson.MAPPER.createArrayNode();
        List<String> present = new ArrayList<>();
        for (JsonNode identifier : target.path("identifier")) {
            present.add(identity(identifier));
        }
        for (JsonNode identifier : source.path("identifier")) {
            String identity = identity(identifier);
            if (present.contains(identity)) {
                continue;
            }
            ObjectNode copy = FhirJson.MAPPER.createObjectNode();
            copy.put("use", "old");
            identifier.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("use")) {
                    copy.set(f.getKey(), f.getValue().deepCopy());
                }
            });
            added.add(copy);
            present.add(identity);
        }
        if (!added.isEmpty()) {
            ArrayNode identifiers = target.has("identifier") && target.get("identifier").isArray()
                    ? (ArrayNode) target.get("identifier") : target.putArray("identifier");
            identifiers.addAll(added);
        }
        return added;
    }

    private static String identity(JsonNode identifier) {
        return identifier.path("system").asText("") + "|"
                + Objects.requireNonNullElse(IdentifierKeys.normalise(identifier.path("value").asText(null)), "");
    }

    private static void removeIdentifiers(ObjectNode target, ArrayNode added) {
        JsonNode identifiers = target.get("identifier");
        if (identifiers == null || !identifiers.isArray()) {
            return;
        }
        for (JsonNode copy : added) {
            for (Iterator<JsonNode> it = identifiers.iterator(); it.hasNext(); ) {
                if (it.next().equals(copy)) {
                    it.remove();
                    break;
                }
            }
        }
        if (identifiers.isEmpty()) {
            target.remove("identifier");
        }
    }

    private static ObjectNode auditEvent(String subtype, String subtypeDisplay, String mergeId, String sourceId,
                                         String targetId, String reason, String user, Instant now,
                                         ArrayNode identifiers) {
        ObjectNode audit = FhirJson.MAPPER.createObjectNode();
        audit.put("resourceType", "AuditEvent");
        audit.putObject("type").put("system", AUDIT_TYPE_SYSTEM).put("code", "rest").put("display",
                "RESTful Operation");
        audit.putArray("subtype").addObject().put("system", AUDIT_SUBTYPE_SYSTEM).put("code", subtype)
                .put("display", subtypeDisplay);
        audit.put("action", "U");
        audit.put("recorded", FhirJson.instant(now));
        audit.put("outcome", "0");
        if (reason != null && !reason.isBlank()) {
            audit.putArray("purposeOfEvent").addObject().put("text", reason);
        }
        ObjectNode agent = audit.putArray("agent").addObject();
        agent.putObject("who").put("display", user);
        agent.put("name", user);
        agent.put("requestor", true);
        audit.putObject("source").putObject("observer").put("display", "vnemr");
        ArrayNode entities = audit.putArray("entity");
        ObjectNode source = entity(entities, sourceId, "Hồ sơ nguồn (bị gộp)");
        source.putArray("detail").addObject().put("type", "merge-id").put("valueString", mergeId);
        ObjectNode target = entity(entities, targetId, "Hồ sơ đích (được giữ lại)");
        target.putArray("detail").addObject().put("type", "identifiers-copied")
                .put("valueString", FhirJson.write(identifiers));
        return audit;
    }

    private static ObjectNode entity(ArrayNode entities, String patientId, String description) {
        ObjectNode entity = entities.addObject();
        entity.putObject("what").put("reference", "Patient/" + patientId);
        entity.putObject("type").put("system", "http://terminology.hl7.org/CodeSystem/audit-entity-type")
                .put("code", "1").put("display", "Person");
        entity.putObject("role").put("system", "http://terminology.hl7.org/CodeSystem/object-role")
                .put("code", "1").put("display", "Patient");
        entity.put("description", description);
        return entity;
    }

    private static JsonNode parse(String json) {
        try {
            return FhirJson.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable merge record", e);
        }
    }
}

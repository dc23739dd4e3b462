package org.vnemr.signing.document;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.vnemr.fhir.error.Messages;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.store.WriteOptions;
import org.vnemr.fhir.store.WriteRequest;
import org.vnemr.fhir.store.WriteService;
import org.vnemr.fhir.store.WriteGuard;

import java.time.Clock;
import java.time.Instant;

/**
 * Writes an {@code AuditEvent} for every refused attempt to change or delete a signed resource — in its own
 * transaction, because the refused write rolls back. The one place to redirect when the audit-trail module
 * arrives. An audit that cannot be written is logged and never hides the refusal itself.
 */
public class FrozenRecordAudit {

    private static final Logger LOG = LoggerFactory.getLogger(FrozenRecordAudit.class);

    private final ObjectProvider<WriteService> writes;
    private final TransactionTemplate separate;
    private final Clock clock;

    /** {@code writes} is looked up late: the write service itself asks the guard that calls this. */
    public FrozenRecordAudit(ObjectProvider<WriteService> writes, PlatformTransactionManager transactions,
                             Clock clock) {
        this.writes = writes;
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    public void refused(WriteGuard.Change change, String documentId) {
        try {
            ObjectNode event = event(change, documentId);
            separate.executeWithoutResult(status -> writes.getObject().execute(WriteRequest.create(event, null),
                    new WriteOptions(false, false)));
        } catch (RuntimeException e) {
            LOG.error("Could not audit the refused {} of {}/{}", change.kind(), change.type(), change.id(), e);
        }
    }

    private ObjectNode event(WriteGuard.Change change, String documentId) {
        String interaction = change.kind().name().toLowerCase(java.util.Locale.ROOT);
        ObjectNode event = FhirJson.object();
        event.put("resourceType", "AuditEvent");
        ObjectNode type = event.putObject("type");
        type.put("system", "http://terminology.hl7.org/CodeSystem/audit-event-type");
        type.put("code", "rest");
        type.put("display", "RESTful Operation");
        ObjectNode subtype = event.putArray("subtype").addObject();
        subtype.put("system", "http://hl7.org/fhir/restful-interaction");
        subtype.put("code", interaction);
        event.put("action", change.kind() == WriteRequest.Kind.DELETE ? "D" : "U");
        event.put("recorded", FhirJson.instant(Instant.now(clock)));
        event.put("outcome", "4");
        event.put("outcomeDesc", "VNEMR-4101: " + Messages.vi("VNEMR-4101", change.type() + "/" + change.id(),
                "Composition/" + documentId));
        ObjectNode agent = event.putArray("agent").addObject();
        agent.putObject("who").put("display", "unauthenticated caller (no login module yet)");
        agent.put("requestor", true);
        event.putObject("source").putObject("observer").put("display", "vnemr signed-record guard");
        var entities = event.putArray("entity");
        ObjectNode target = entities.addObject();
        target.putObject("what").put("reference", change.type() + "/" + change.id() + "/_history/"
                + change.currentVersion());
        target.put("description", "refused " + interaction + " of a frozen resource");
        ObjectNode document = entities.addObject();
        document.putObject("what").put("reference", "Composition/" + documentId);
        document.put("description", "the signed document it belongs to");
        return event;
    }
}

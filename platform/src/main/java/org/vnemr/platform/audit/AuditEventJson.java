package org.vnemr.platform.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes an {@link AuditRecord} as a FHIR R4 {@code AuditEvent} (JSON text, built with Jackson rather than HAPI's
 * model: it is written on every request and must stay cheap). Shape: {@code type} rest (FHIR interactions) or
 * vnemr's action code, {@code subtype} the interaction, {@code action} C/R/U/D/E, {@code recorded},
 * {@code outcome} 0/4/8, {@code purposeOfEvent}, one requesting {@code agent} (user name, role, practitioner,
 * client address), {@code source} this node, one {@code entity} per patient (role 1, Patient) and one for the
 * target of the request.
 */
public final class AuditEventJson {

    public static final String ACTION_SYSTEM = "https://vnemr.org/fhir/CodeSystem/audit-action";
    public static final String BREAK_GLASS_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    private static final String REST_SYSTEM = "http://hl7.org/fhir/restful-interaction";
    private static final String TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    private static final String USER_SYSTEM = "https://vnemr.org/fhir/sid/user";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditEventJson() {
    }

    public static String write(long seq, AuditRecord r, String sourceName) {
        ObjectNode event = JSON.createObjectNode();
        event.put("resourceType", "AuditEvent");
        event.put("id", Long.toString(seq));
        ObjectNode type = event.putObject("type");
        if (r.action().restful()) {
            type.put("system", TYPE_SYSTEM).put("code", "rest").put("display", "RESTful Operation");
            event.putArray("subtype").addObject().put("system", REST_SYSTEM).put("code", r.action().code());
        } else {
            type.put("system", ACTION_SYSTEM).put("code", r.action().code());
            event.putArray("subtype").addObject().put("system", ACTION_SYSTEM).put("code", r.action().code());
        }
        event.put("action", r.action().crud());
        event.put("recorded", r.occurred().toString());
        event.put("outcome", r.outcome().code());
        if (r.outcomeDetail() != null) {
            event.put("outcomeDesc", r.outcomeDetail());
        }
        if (r.breakGlass()) {
            ArrayNode purposes = event.putArray("purposeOfEvent");
            ObjectNode purpose = purposes.addObject();
            purpose.putArray("coding").addObject().put("system", BREAK_GLASS_SYSTEM).put("code", "BTG")
                    .put("display", "break the glass");
            if (r.purpose() != null) {
                purpose.put("text", r.purpose());
            }
        } else if (r.purpose() != null) {
            event.putArray("purposeOfEvent").addObject().put("text", r.purpose());
        }
        ObjectNode agent = event.putArray("agent").addObject();
        if (r.role() != null) {
            agent.putObject("type").put("text", r.role());
            agent.putArray("role").addObject().put("text", r.role());
        }
        ObjectNode who = agent.putObject("who");
        if (r.practitioner() != null) {
            who.put("reference", r.practitioner());
        }
        who.putObject("identifier").put("system", USER_SYSTEM).put("value", r.user());
        who.put("display", r.user());
        agent.put("altId", r.user());
        agent.put("requestor", true);
        if (r.clientAddress() != null) {
            agent.putObject("network").put("address", r.clientAddress()).put("type", "2");
        }
        ObjectNode source = event.putObject("source");
        source.put("site", sourceName);
        source.putObject("observer").put("display", sourceName);
        source.putArray("type").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/security-source-type").put("code", "4");
        ArrayNode entities = null;
        for (String patient : r.patients()) {
            entities = entities == null ? event.putArray("entity") : entities;
            ObjectNode entity = entities.addObject();
            entity.putObject("what").put("reference", "Patient/" + patient);
            entity.putObject("type").put("system", "http://terminology.hl7.org/CodeSystem/audit-entity-type")
                    .put("code", "1");
            entity.putObject("role").put("system", "http://terminology.hl7.org/CodeSystem/object-role")
                    .put("code", "1");
        }
        if (r.what() != null) {
            entities = entities == null ? event.putArray("entity") : entities;
            ObjectNode entity = entities.addObject();
            if (r.what().contains("?") || r.what().startsWith("$")) {
                entity.put("query", java.util.Base64.getEncoder().encodeToString(
                        r.what().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                entity.put("description", r.what());
            } else {
                entity.putObject("what").put("reference", r.what());
            }
        }
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ObjectNode always serialises", e);
        }
    }
}

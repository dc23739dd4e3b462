package org.vnemr.fhir.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One change to carry out, from a plain REST call or from a transaction/batch entry.
 *
 * @param kind      what to do
 * @param type      resource type
 * @param id        target id (update, delete, patch); null for create and conditional forms
 * @param condition search query for conditional create ({@code If-None-Exist}), update and delete; else null
 * @param resource  the body (create, update); null otherwise
 * @param patch     the JSON Patch document (patch); null otherwise
 * @param ifMatch   expected current version ({@code If-Match}), or null
 * @param fullUrl   the entry's fullUrl in a Bundle ({@code urn:uuid:…}), or null
 */
public record WriteRequest(Kind kind, String type, String id, String condition, ObjectNode resource, JsonNode patch,
                           Long ifMatch, String fullUrl) {

    public enum Kind { CREATE, UPDATE, DELETE, PATCH }

    public static WriteRequest create(ObjectNode resource, String ifNoneExist) {
        return new WriteRequest(Kind.CREATE, resource.path("resourceType").asText(), null, ifNoneExist, resource,
                null, null, null);
    }

    public static WriteRequest update(String type, String id, ObjectNode resource, Long ifMatch) {
        return new WriteRequest(Kind.UPDATE, type, id, null, resource, null, ifMatch, null);
    }

    public static WriteRequest conditionalUpdate(String type, String condition, ObjectNode resource, Long ifMatch) {
        return new WriteRequest(Kind.UPDATE, type, null, condition, resource, null, ifMatch, null);
    }

    public static WriteRequest delete(String type, String id, Long ifMatch) {
        return new WriteRequest(Kind.DELETE, type, id, null, null, null, ifMatch, null);
    }

    public static WriteRequest conditionalDelete(String type, String condition) {
        return new WriteRequest(Kind.DELETE, type, null, condition, null, null, null, null);
    }

    public static WriteRequest patch(String type, String id, JsonNode patch, Long ifMatch) {
        return new WriteRequest(Kind.PATCH, type, id, null, null, patch, ifMatch, null);
    }

    public WriteRequest withFullUrl(String url) {
        return new WriteRequest(kind, type, id, condition, resource, patch, ifMatch, url);
    }

    WriteRequest withResource(ObjectNode copy) {
        return new WriteRequest(kind, type, id, condition, copy, patch, ifMatch, fullUrl);
    }
}

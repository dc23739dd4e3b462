package org.vnemr.fhir.rest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.store.StoredResource;
import org.vnemr.fhir.store.WriteOptions;
import org.vnemr.fhir.store.WriteOutcome;
import org.vnemr.fhir.store.WriteRequest;
import org.vnemr.fhir.store.WriteService;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Transaction and batch Bundles (FHIR R4 §3.1.0.11). A transaction is atomic: all its writes go to
 * {@link WriteService#executeAll} as one database transaction, in the order the spec prescribes (the
 * service resolves ids, {@code urn:uuid} and conditional references first); its GET entries run after the
 * writes. A batch runs each entry on its own and reports each entry's outcome.
 */
public class BundleProcessor {

    private final WriteService writes;
    private final ReadService reads;
    private final FhirContext fhirContext;

    public BundleProcessor(WriteService writes, ReadService reads, FhirContext fhirContext) {
        this.writes = writes;
        this.reads = reads;
        this.fhirContext = fhirContext;
    }

    /** What the client asked for in the {@code Prefer: return=} header. */
    public enum Return { MINIMAL, REPRESENTATION, OPERATION_OUTCOME }

    /** Processes the Bundle given as JSON; returns the response Bundle as JSON. */
    public String process(ObjectNode bundle, String base, Return preference, WriteOptions options) {
        if (!"Bundle".equals(bundle.path("resourceType").asText())) {
            throw FhirError.badRequest("VNEMR-1006", bundle.path("resourceType").asText(), "Bundle");
        }
        String type = bundle.path("type").asText("");
        JsonNode entries = bundle.path("entry");
        List<JsonNode> list = new ArrayList<>();
        entries.forEach(list::add);
        return switch (type) {
            case "transaction" -> transaction(list, base, preference, options);
            case "batch" -> batch(list, base, preference, options);
            default -> throw FhirError.badRequest("VNEMR-1014", type.isEmpty() ? "(none)" : type);
        };
    }

    private String transaction(List<JsonNode> entries, String base, Return preference, WriteOptions options) {
        List<WriteRequest> requests = new ArrayList<>();
        List<Integer> writeIndex = new ArrayList<>();
        List<Integer> readIndex = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String method = method(entry, i);
            if (method.equals("GET") || method.equals("HEAD")) {
                readIndex.add(i);
            } else {
                requests.add(toWrite(entry, method, i, base));
                writeIndex.add(i);
            }
        }
        List<WriteOutcome> outcomes = requests.isEmpty() ? List.of() : writes.executeAll(requests, options);
        String[] rendered = new String[entries.size()];
        for (int k = 0; k < outcomes.size(); k++) {
            rendered[writeIndex.get(k)] = writeEntry(base, requests.get(k), outcomes.get(k), preference);
        }
        for (int i : readIndex) {
            rendered[i] = readEntry(entries.get(i), base);
        }
        return responseBundle("transaction-response", rendered);
    }

    private String batch(List<JsonNode> entries, String base, Return preference, WriteOptions options) {
        String[] rendered = new String[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            try {
                String method = method(entry, i);
                if (method.equals("GET") || method.equals("HEAD")) {
                    rendered[i] = readEntry(entry, base);
                } else {
                    WriteRequest request = toWrite(entry, method, i, base);
                    rendered[i] = writeEntry(base, request, writes.execute(request, options), preference);
                }
            } catch (BaseServerResponseException e) {
                rendered[i] = errorEntry(e);
            }
        }
        return responseBundle("batch-response", rendered);
    }

    private static String method(JsonNode entry, int index) {
        JsonNode request = entry.path("request");
        String method = request.path("method").asText("");
        if (method.isEmpty() || request.path("url").asText("").isEmpty()) {
            throw FhirError.badRequest("VNEMR-1015", index);
        }
        return method;
    }

    private WriteRequest toWrite(JsonNode entry, String method, int index, String base) {
        JsonNode request = entry.path("request");
        String url = stripBase(request.path("url").asText(), base);
        String fullUrl = entry.path("fullUrl").asText(null);
        JsonNode resourceNode = entry.get("resource");
        ObjectNode resource = resourceNode != null && resourceNode.isObject() ? (ObjectNode) resourceNode : null;
        Long ifMatch = RequestHeaders.parseETag(request.path("ifMatch").asText(null));
        int q = url.indexOf('?');
        String path = q >= 0 ? url.substring(0, q) : url;
        String query = q >= 0 ? url.substring(q + 1) : null;
        String[] parts = path.split("/");
        String type = parts[0];
        String id = parts.length > 1 ? parts[1] : null;
        WriteRequest write = switch (method) {
            case "POST" -> {
                requireResource(resource, method, url);
                yield WriteRequest.create(resource, request.path("ifNoneExist").asText(null));
            }
            case "PUT" -> {
                requireResource(resource, method, url);
                yield id != null ? WriteRequest.update(type, id, resource, ifMatch)
                        : WriteRequest.conditionalUpdate(type, requireQuery(query, method, url), resource, ifMatch);
            }
            case "DELETE" -> id != null ? WriteRequest.delete(type, id, ifMatch)
                    : WriteRequest.conditionalDelete(type, requireQuery(query, method, url));
            case "PATCH" -> {
                if (id == null) {
                    throw FhirError.badRequest("VNEMR-1027", method, url);
                }
                yield WriteRequest.patch(type, id, patchDocument(resource), ifMatch);
            }
            default -> throw FhirError.badRequest("VNEMR-1027", method, url);
        };
        if (method.equals("POST") && !type.equals(write.type())) {
            throw FhirError.badRequest("VNEMR-1006", write.type(), type);
        }
        return fullUrl == null ? write : write.withFullUrl(fullUrl);
    }

    /** A PATCH entry carries the JSON Patch as a Binary resource (the FHIR way to send one in a Bundle). */
    private static JsonNode patchDocument(ObjectNode resource) {
        if (resource == null || !"Binary".equals(resource.path("resourceType").asText())) {
            throw FhirError.badRequest("VNEMR-1022", "a PATCH entry needs a Binary resource holding the JSON Patch");
        }
        try {
            byte[] data = Base64.getDecoder().decode(resource.path("data").asText(""));
            return FhirJson.MAPPER.readTree(new String(data, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | IOException e) {
            throw FhirError.badRequest("VNEMR-1022", e.getMessage());
        }
    }

    private static void requireResource(ObjectNode resource, String method, String url) {
        if (resource == null) {
            throw FhirError.badRequest("VNEMR-1026");
        }
    }

    private static String requireQuery(String query, String method, String url) {
        if (query == null || query.isBlank()) {
            throw FhirError.badRequest("VNEMR-1027", method, url);
        }
        return query;
    }

    private static String stripBase(String url, String base) {
        if (base != null && url.startsWith(base + "/")) {
            return url.substring(base.length() + 1);
        }
        return url.startsWith("/") ? url.substring(1) : url;
    }

    private String writeEntry(String base, WriteRequest request, WriteOutcome outcome, Return preference) {
        StoredResource r = outcome.resource();
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FhirJson.MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            if (r != null) {
                json.writeStringField("fullUrl", base + "/" + r.typeAndId());
                if (!r.deleted() && preference == Return.REPRESENTATION) {
                    json.writeFieldName("resource");
                    json.writeRawValue(r.json());
                }
            }
            json.writeObjectFieldStart("response");
            String status;
            if (request.kind() == WriteRequest.Kind.DELETE) {
                status = "204 No Content";
            } else {
                status = outcome.created() ? "201 Created" : "200 OK";
            }
            json.writeStringField("status", status);
            if (r != null) {
                if (!r.deleted()) {
                    json.writeStringField("location", r.typeAndId() + "/_history/" + r.versionId());
                }
                json.writeStringField("etag", "W/\"" + r.versionId() + "\"");
                json.writeStringField("lastModified", FhirJson.instant(r.lastUpdated()));
            }
            if (preference == Return.OPERATION_OUTCOME) {
                json.writeFieldName("outcome");
                OperationOutcome info = new OperationOutcome();
                info.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                        .setCode(OperationOutcome.IssueType.INFORMATIONAL).setDiagnostics(status);
                json.writeRawValue(fhirContext.newJsonParser().encodeResourceToString(info));
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private String readEntry(JsonNode entry, String base) {
        String url = stripBase(entry.path("request").path("url").asText(), base);
        try {
            ReadService.Result result = reads.get(url, base);
            StringWriter out = new StringWriter();
            try (JsonGenerator json = FhirJson.MAPPER.getFactory().createGenerator(out)) {
                json.writeStartObject();
                json.writeFieldName("resource");
                json.writeRawValue(result.json());
                json.writeObjectFieldStart("response");
                json.writeStringField("status", "200 OK");
                if (result.etag() != null) {
                    json.writeStringField("etag", result.etag());
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            return out.toString();
        } catch (BaseServerResponseException e) {
            return errorEntry(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String errorEntry(BaseServerResponseException e) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FhirJson.MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeObjectFieldStart("response");
            json.writeStringField("status", Integer.toString(e.getStatusCode()));
            if (e.getOperationOutcome() != null) {
                json.writeFieldName("outcome");
                json.writeRawValue(fhirContext.newJsonParser().encodeResourceToString(e.getOperationOutcome()));
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }

    private static String responseBundle(String type, String[] entries) {
        StringBuilder out = new StringBuilder(256 + entries.length * 256);
        out.append("{\"resourceType\":\"Bundle\",\"id\":\"").append(UUID.randomUUID())
                .append("\",\"meta\":{\"lastUpdated\":\"").append(FhirJson.instant(Instant.now()))
                .append("\"},\"type\":\"").append(type).append('"');
        if (entries.length > 0) {
            out.append(",\"entry\":[");
            for (int i = 0; i < entries.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(entries[i]);
            }
            out.append(']');
        }
        return out.append('}').toString();
    }
}

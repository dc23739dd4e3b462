package org.vnemr.fhir.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.store.StoredResource;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Writes searchset and history Bundles as JSON text with the stored resources spliced in verbatim: the hot
 * read paths never parse a stored resource (see DESIGN.md §4).
 */
public final class BundleWriter {

    private BundleWriter() {
    }

    /** One link of the Bundle. */
    public record Link(String relation, String url) {
    }

    public static String searchset(String base, List<StoredResource> matches, List<StoredResource> includes,
                                   Integer total, List<Link> links) {
        StringWriter out = new StringWriter(4096 + matches.size() * 2048);
        try (JsonGenerator json = FhirJson.MAPPER.getFactory().createGenerator(out)) {
            start(json, "searchset", total, links);
            if (!matches.isEmpty() || !includes.isEmpty()) {
                json.writeArrayFieldStart("entry");
                for (StoredResource r : matches) {
                    entry(json, base, r, "match");
                }
                for (StoredResource r : includes) {
                    entry(json, base, r, "include");
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static String history(String base, List<StoredResource> versions, List<Link> links) {
        StringWriter out = new StringWriter(4096 + versions.size() * 2048);
        try (JsonGenerator json = FhirJson.MAPPER.getFactory().createGenerator(out)) {
            start(json, "history", null, links);
            if (!versions.isEmpty()) {
                json.writeArrayFieldStart("entry");
            }
            for (StoredResource r : versions) {
                json.writeStartObject();
                json.writeStringField("fullUrl", base + "/" + r.typeAndId());
                if (!r.deleted()) {
                    json.writeFieldName("resource");
                    json.writeRawValue(r.json());
                }
                json.writeObjectFieldStart("request");
                json.writeStringField("method", r.deleted() ? "DELETE" : r.versionId() == 1 ? "POST" : "PUT");
                json.writeStringField("url", r.versionId() == 1 && !r.deleted() ? r.resourceType() : r.typeAndId());
                json.writeEndObject();
                json.writeObjectFieldStart("response");
                json.writeStringField("status", r.deleted() ? "204" : r.versionId() == 1 ? "201" : "200");
                json.writeStringField("etag", "W/\"" + r.versionId() + "\"");
                json.writeStringField("lastModified", FhirJson.instant(r.lastUpdated()));
                json.writeEndObject();
                json.writeEndObject();
            }
            if (!versions.isEmpty()) {
                json.writeEndArray();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void start(JsonGenerator json, String type, Integer total, List<Link> links) throws IOException {
        json.writeStartObject();
        json.writeStringField("resourceType", "Bundle");
        json.writeStringField("id", UUID.randomUUID().toString());
        json.writeObjectFieldStart("meta");
        json.writeStringField("lastUpdated", FhirJson.instant(Instant.now()));
        json.writeEndObject();
        json.writeStringField("type", type);
        if (total != null) {
            json.writeNumberField("total", total);
        }
        if (!links.isEmpty()) {
            json.writeArrayFieldStart("link");
            for (Link link : links) {
                json.writeStartObject();
                json.writeStringField("relation", link.relation());
                json.writeStringField("url", link.url());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
    }

    private static void entry(JsonGenerator json, String base, StoredResource r, String mode) throws IOException {
        json.writeStartObject();
        json.writeStringField("fullUrl", base + "/" + r.typeAndId());
        json.writeFieldName("resource");
        json.writeRawValue(r.json());
        json.writeObjectFieldStart("search");
        json.writeStringField("mode", mode);
        json.writeEndObject();
        json.writeEndObject();
    }
}

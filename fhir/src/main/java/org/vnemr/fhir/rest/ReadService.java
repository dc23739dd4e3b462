package org.vnemr.fhir.rest;

import org.vnemr.fhir.error.FhirError;
import org.vnemr.fhir.schema.SearchParamCatalog;
import org.vnemr.fhir.search.SearchResult;
import org.vnemr.fhir.search.SearchService;
import org.vnemr.fhir.store.ResourceStore;
import org.vnemr.fhir.store.StoredResource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read, vread, search and history as JSON text ready to send: used by the fast path, by the HAPI providers
 * (which parse the text only when the client wants XML, {@code _summary} or {@code _elements}) and by GET
 * entries of Bundles.
 */
public class ReadService {

    public static final int DEFAULT_HISTORY_COUNT = 100;
    public static final int MAX_HISTORY_COUNT = 1000;

    private final ResourceStore store;
    private final SearchService searcher;
    private final SearchParamCatalog catalog;

    public ReadService(ResourceStore store, SearchService searcher, SearchParamCatalog catalog) {
        this.store = store;
        this.searcher = searcher;
        this.catalog = catalog;
    }

    /** A response body and its ETag (null for Bundles). */
    public record Result(String json, String etag, StoredResource resource) {
    }

    public StoredResource read(String type, String id) {
        requireType(type);
        StoredResource r = store.read(type, id).orElseThrow(() -> FhirError.notFound("VNEMR-1001", type, id));
        if (r.deleted()) {
            throw FhirError.gone("VNEMR-1002", type, id);
        }
        return r;
    }

    public StoredResource vread(String type, String id, String version) {
        requireType(type);
        long v;
        try {
            v = Long.parseLong(version);
        } catch (NumberFormatException e) {
            throw FhirError.notFound("VNEMR-1003", type, id, version);
        }
        StoredResource r = store.readVersion(type, id, v)
                .orElseThrow(() -> FhirError.notFound("VNEMR-1003", type, id, version));
        if (r.deleted()) {
            throw FhirError.gone("VNEMR-1002", type, id);
        }
        return r;
    }

    /** A searchset Bundle with self and next links. */
    public String search(String type, Map<String, List<String>> params, String base, boolean lenient) {
        requireType(type);
        SearchResult page = searcher.search(type, params, lenient);
        List<BundleWriter.Link> links = new ArrayList<>();
        links.add(new BundleWriter.Link("self", base + "/" + type + query(page.params(), null)));
        if (page.nextCursor() != null) {
            links.add(new BundleWriter.Link("next", base + "/" + type + query(page.params(), page.nextCursor())));
        }
        return BundleWriter.searchset(base, page.matches(), page.included(), page.total(), links);
    }

    /** History of one resource, one type, or the whole system (type and id null). */
    public String history(String type, String id, Instant since, Instant at, Integer count, Integer offset,
                          String base) {
        int n = count == null ? DEFAULT_HISTORY_COUNT : Math.max(1, Math.min(count, MAX_HISTORY_COUNT));
        int skip = offset == null ? 0 : Math.max(0, offset);
        Instant from = since == null ? Instant.EPOCH.minusSeconds(86400L * 365 * 3000) : since;
        Instant before = at == null ? Instant.parse("9999-01-01T00:00:00Z") : at;
        List<StoredResource> versions;
        String path;
        if (id != null) {
            requireType(type);
            versions = store.instanceHistory(type, id, from, before, skip, n + 1);
            if (versions.isEmpty() && skip == 0 && store.read(type, id).isEmpty()) {
                throw FhirError.notFound("VNEMR-1001", type, id);
            }
            path = type + "/" + id + "/_history";
        } else if (type != null) {
            requireType(type);
            versions = store.typesHistory(List.of(type), from, before, skip, n + 1);
            path = type + "/_history";
        } else {
            versions = store.typesHistory(catalog.resourceTypes(), from, before, skip, n + 1);
            path = "_history";
        }
        List<BundleWriter.Link> links = new ArrayList<>();
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (since != null) {
            params.put("_since", List.of(org.vnemr.fhir.store.FhirJson.instant(since)));
        }
        params.put("_count", List.of(Integer.toString(n)));
        Map<String, List<String>> self = new LinkedHashMap<>(params);
        if (skip > 0) {
            self.put("_offset", List.of(Integer.toString(skip)));
        }
        links.add(new BundleWriter.Link("self", base + "/" + path + query(self, null)));
        if (versions.size() > n) {
            versions = versions.subList(0, n);
            Map<String, List<String>> next = new LinkedHashMap<>(params);
            next.put("_offset", List.of(Integer.toString(skip + n)));
            links.add(new BundleWriter.Link("next", base + "/" + path + query(next, null)));
        }
        return BundleWriter.history(base, versions, links);
    }

    /** GET of a Bundle entry: {@code Type/id}, {@code Type/id/_history/v}, {@code Type?query}, {@code Type}. */
    public Result get(String url, String base) {
        int q = url.indexOf('?');
        String path = q >= 0 ? url.substring(0, q) : url;
        String[] parts = path.split("/");
        if (parts.length == 2) {
            StoredResource r = read(parts[0], parts[1]);
            return new Result(r.json(), "W/\"" + r.versionId() + "\"", r);
        }
        if (parts.length == 4 && parts[2].equals("_history")) {
            StoredResource r = vread(parts[0], parts[1], parts[3]);
            return new Result(r.json(), "W/\"" + r.versionId() + "\"", r);
        }
        if (parts.length == 1) {
            return new Result(search(parts[0], SearchService.parseQueryString(q >= 0 ? url.substring(q + 1) : ""), base, false),
                    null, null);
        }
        throw FhirError.badRequest("VNEMR-1021", "GET " + url);
    }

    private void requireType(String type) {
        if (!catalog.isResourceType(type)) {
            throw FhirError.notFound("VNEMR-1004", type);
        }
    }

    /** Query string with {@code _cursor} replaced by {@code cursor} (dropped when null). */
    static String query(Map<String, List<String>> params, String cursor) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            if (e.getKey().equals("_cursor")) {
                continue;
            }
            for (String value : e.getValue()) {
                sb.append(sb.length() == 0 ? '?' : '&').append(encode(e.getKey())).append('=').append(encode(value));
            }
        }
        if (cursor != null) {
            sb.append(sb.length() == 0 ? '?' : '&').append("_cursor=").append(encode(cursor));
        }
        return sb.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":")
                .replace("%2C", ",").replace("%7C", "|");
    }
}

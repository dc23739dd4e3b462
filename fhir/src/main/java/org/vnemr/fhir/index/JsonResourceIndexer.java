package org.vnemr.fhir.index;

import ca.uhn.fhir.fhirpath.IFhirPath;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.vnemr.fhir.schema.SearchParam;
import org.vnemr.fhir.schema.SearchParamCatalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The write-path indexer: every search parameter of the catalogue is compiled once, at construction, into a
 * direct walk over the JSON tree ({@link PathCompiler}); the few expressions outside the compiled subset are
 * evaluated with HAPI's FHIRPath engine on a HAPI model of the resource, parsed only when such a parameter
 * exists for the type. Thread-safe.
 */
public final class JsonResourceIndexer implements ResourceIndexer {

    private final Map<String, TypePlan> plans;
    private final FhirPathFallback fallback;
    private final Map<String, String> fallbackExpressions;

    public JsonResourceIndexer(SearchParamCatalog catalog) {
        this(catalog, Set.of());
    }

    /**
     * @param forcedFallbacks parameters ({@code Type.code}) to evaluate with HAPI's engine even though they
     *                        compile (for tests of the fallback path)
     */
    JsonResourceIndexer(SearchParamCatalog catalog, Set<String> forcedFallbacks) {
        this.fallback = new FhirPathFallback(catalog.fhirContext());
        PathCompiler compiler = new PathCompiler(catalog.fhirContext());
        Map<String, TypePlan> byType = new HashMap<>();
        Map<String, String> fallbacks = new LinkedHashMap<>();
        for (String type : catalog.resourceTypes()) {
            List<ParamPlan> params = new ArrayList<>();
            for (SearchParam param : catalog.params(type).values()) {
                CompiledPath compiled = forcedFallbacks.contains(type + "." + param.name()) ? null
                        : compiler.compile(type, param.expression()).orElse(null);
                IFhirPath.IParsedExpression parsed = null;
                if (compiled == null) {
                    parsed = fallback.parse(param.expression());
                    fallbacks.put(type + "." + param.name(), param.expression());
                }
                params.add(new ParamPlan(param, ColumnValues.factory(param), compiled, parsed));
            }
            byType.put(type, new TypePlan(List.copyOf(params)));
        }
        this.plans = byType;
        this.fallbackExpressions = Collections.unmodifiableMap(fallbacks);
    }

    /** The parameters ({@code Type.code} → expression) evaluated with HAPI's FHIRPath engine. */
    public Map<String, String> fallbackExpressions() {
        return fallbackExpressions;
    }

    @Override
    public IndexedValues index(ObjectNode resource) {
        IndexedValues out = new IndexedValues();
        indexMeta(resource.get("meta"), out);
        JsonNode typeNode = resource.get("resourceType");
        TypePlan plan = typeNode == null ? null : plans.get(typeNode.asText());
        if (plan == null) {
            return out;
        }
        String type = typeNode.asText();
        IBaseResource hapiResource = null;
        for (ParamPlan param : plan.params) {
            ColumnValues values = param.collectors.get();
            if (param.compiled != null) {
                param.compiled.evaluate(resource, type, values);
            } else {
                if (hapiResource == null) {
                    hapiResource = fallback.parseResource(resource);
                }
                fallback.evaluate(hapiResource, param.parsed, values);
            }
            values.writeTo(out);
        }
        return out;
    }

    /** Evaluates one parameter on its own (for tests comparing with HAPI's FHIRPath engine). */
    IndexedValues indexParam(ObjectNode resource, SearchParam param) {
        IndexedValues out = new IndexedValues();
        TypePlan plan = plans.get(param.resourceType());
        for (ParamPlan p : plan.params) {
            if (p.param.name().equals(param.name())) {
                ColumnValues values = ColumnValues.forParam(p.param);
                if (p.compiled != null) {
                    p.compiled.evaluate(resource, param.resourceType(), values);
                } else {
                    fallback.evaluate(fallback.parseResource(resource), p.parsed, values);
                }
                values.writeTo(out);
            }
        }
        return out;
    }

    private static void indexMeta(JsonNode meta, IndexedValues out) {
        if (meta == null || !meta.isObject()) {
            return;
        }
        out.put("mt_tag", codings(meta.get("tag")));
        out.put("mt_security", codings(meta.get("security")));
        ColumnValues.Distinct profiles = new ColumnValues.Distinct();
        JsonNode profile = meta.get("profile");
        if (profile != null && profile.isArray()) {
            for (JsonNode p : profile) {
                if (p.isTextual() && !p.textValue().isBlank()) {
                    profiles.add(p.textValue());
                }
            }
        }
        out.put("mt_profile", profiles.toArray());
        JsonNode source = meta.get("source");
        if (source != null && source.isTextual() && !source.textValue().isBlank()) {
            out.put("mt_source", new String[] {source.textValue()});
        }
    }

    private static String[] codings(JsonNode codings) {
        if (codings == null || !codings.isArray()) {
            return null;
        }
        ColumnValues.Distinct tokens = new ColumnValues.Distinct();
        for (JsonNode coding : codings) {
            ColumnValues.Tokens.codingToken(tokens, coding, "code");
        }
        return tokens.toArray();
    }

    private record ParamPlan(SearchParam param, Supplier<ColumnValues> collectors, CompiledPath compiled, IFhirPath.IParsedExpression parsed) {
    }

    private record TypePlan(List<ParamPlan> params) {
    }
}

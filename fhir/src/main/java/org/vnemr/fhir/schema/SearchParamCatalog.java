package org.vnemr.fhir.schema;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * All R4 search parameters that have a column, per resource type, read from HAPI's built-in R4
 * SearchParameter definitions. The store schema (migration {@code V1_001}) is generated from this
 * catalogue by {@link SchemaGenerator}; a test keeps the two in step.
 *
 * <p>Parameters with their own columns on every table ({@code _id}, {@code _lastUpdated}, {@code _tag},
 * {@code _profile}, {@code _security}, {@code _source}) are not listed here.
 */
public final class SearchParamCatalog {

    private static final Set<String> BASE_PARAMS =
            Set.of("_id", "_lastUpdated", "_tag", "_profile", "_security", "_source", "_text", "_content",
                    "_list", "_has", "_type", "_query", "_filter", "_language");

    private final FhirContext fhirContext;
    private final Map<String, Map<String, SearchParam>> byType;

    public SearchParamCatalog(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
        Map<String, Map<String, SearchParam>> all = new LinkedHashMap<>();
        for (String type : new TreeSet<>(fhirContext.getResourceTypes())) {
            RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(type);
            Map<String, SearchParam> params = new LinkedHashMap<>();
            List<RuntimeSearchParam> sorted = new ArrayList<>(definition.getSearchParams());
            sorted.sort((a, b) -> a.getName().compareTo(b.getName()));
            for (RuntimeSearchParam hapi : sorted) {
                SearchParamType spType = SearchParamType.of(hapi.getParamType());
                if (spType == null || BASE_PARAMS.contains(hapi.getName()) || hapi.getPath() == null
                        || hapi.getPath().isBlank()) {
                    continue;
                }
                params.put(hapi.getName(), new SearchParam(type, hapi.getName(), spType, hapi.getPath(),
                        Set.copyOf(hapi.getTargets()), columnName(hapi.getName())));
            }
            all.put(type, Collections.unmodifiableMap(params));
        }
        this.byType = Collections.unmodifiableMap(all);
    }

    public FhirContext fhirContext() {
        return fhirContext;
    }

    /** All resource types, sorted by name. */
    public Set<String> resourceTypes() {
        return byType.keySet();
    }

    public boolean isResourceType(String type) {
        return byType.containsKey(type);
    }

    /** The parameters of {@code resourceType} that have columns, by code; empty for an unknown type. */
    public Map<String, SearchParam> params(String resourceType) {
        return byType.getOrDefault(resourceType, Map.of());
    }

    public Optional<SearchParam> param(String resourceType, String name) {
        return Optional.ofNullable(params(resourceType).get(name));
    }

    /** {@code value-quantity} → {@code sp_value_quantity}; PostgreSQL identifiers stay under 63 bytes. */
    static String columnName(String paramName) {
        String base = "sp_" + paramName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        if (base.length() > 50) {
            base = base.substring(0, 40) + "_" + Integer.toHexString(paramName.hashCode());
        }
        return base;
    }
}

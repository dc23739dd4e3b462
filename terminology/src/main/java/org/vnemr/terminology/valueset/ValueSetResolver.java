package org.vnemr.terminology.valueset;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.ValueSet;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.fhir.rest.ReadService;
import org.vnemr.fhir.search.SearchResult;
import org.vnemr.fhir.search.SearchService;
import org.vnemr.fhir.store.StoredResource;
import org.vnemr.terminology.codesystem.CodeSystemIndex;
import org.vnemr.terminology.codesystem.TerminologyIndex;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a value set: the implicit all-codes value set of a loaded code system from memory, any other from the
 * FHIR store by canonical URL (and version) or by id — so value sets clients create with a plain PUT work too.
 */
public final class ValueSetResolver {

    private final TerminologyIndex index;
    private final SearchService search;
    private final ReadService reads;
    private final FhirContext fhirContext;

    public ValueSetResolver(TerminologyIndex index, SearchService search, ReadService reads, FhirContext fhirContext) {
        this.index = index;
        this.search = search;
        this.reads = reads;
        this.fhirContext = fhirContext;
    }

    /** The value set with this canonical URL (optionally {@code url|version}), or 404 VNEMR-2001. */
    public ValueSet byUrl(String url, String version) {
        return find(url, version).orElseThrow(() -> FhirError.notFound("VNEMR-2001", url));
    }

    public Optional<ValueSet> find(String canonical, String version) {
        String url = canonical;
        String v = version;
        int bar = url.indexOf('|');
        if (bar > 0) {
            v = v == null ? url.substring(bar + 1) : v;
            url = url.substring(0, bar);
        }
        Optional<CodeSystemIndex> implicit = index.systemOfValueSet(url);
        if (implicit.isPresent()) {
            return Optional.of(allCodes(url, implicit.get()));
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("url", List.of(url));
        if (v != null) {
            params.put("version", List.of(v));
        }
        params.put("_count", List.of("1"));
        SearchResult result = search.search("ValueSet", params);
        return result.matches().stream().findFirst().map(this::parse);
    }

    /** The stored value set with this id, or 404. */
    public ValueSet byId(String id) {
        return parse(reads.read("ValueSet", id));
    }

    private ValueSet parse(StoredResource stored) {
        return fhirContext.newJsonParser().parseResource(ValueSet.class, stored.json());
    }

    private static ValueSet allCodes(String url, CodeSystemIndex cs) {
        ValueSet vs = new ValueSet();
        vs.setId(cs.resourceId());
        vs.setUrl(url);
        vs.setVersion(cs.version());
        vs.setName(cs.name());
        vs.setTitle(cs.title());
        vs.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
        vs.getCompose().addInclude().setSystem(cs.url()).setVersion(cs.version());
        return vs;
    }
}

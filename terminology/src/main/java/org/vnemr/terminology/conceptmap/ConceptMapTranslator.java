package org.vnemr.terminology.conceptmap;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.fhir.rest.ReadService;
import org.vnemr.fhir.search.SearchService;
import org.vnemr.fhir.store.StoredResource;
import org.vnemr.terminology.codesystem.TerminologyIndex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code $translate} over ConceptMap resources in the FHIR store (loaded sources and client ones alike). Parsed
 * maps are kept by id and version, so the large technique → ICD-9-CM map is parsed once, not per request.
 */
public final class ConceptMapTranslator {

    /** One mapping found: how close it is, the code it maps to, and the map that says so. */
    public record Match(String equivalence, Coding concept, String source) {
    }

    /** What to translate. {@code conceptMap} (inline), {@code url} or {@code id} choose the map; else all maps
     * whose group source (target when {@code reverse}) is {@code system}. */
    public record Request(ConceptMap conceptMap, String url, String id, String system, String code,
                          String targetSystem, boolean reverse) {
    }

    private record Cached(long version, ConceptMap map) {
    }

    private final TerminologyIndex index;
    private final SearchService search;
    private final ReadService reads;
    private final FhirContext fhirContext;
    private final Map<String, Cached> parsed = new ConcurrentHashMap<>();

    public ConceptMapTranslator(TerminologyIndex index, SearchService search, ReadService reads,
                                FhirContext fhirContext) {
        this.index = index;
        this.search = search;
        this.reads = reads;
        this.fhirContext = fhirContext;
    }

    public List<Match> translate(Request request) {
        List<Match> matches = new ArrayList<>();
        for (ConceptMap map : maps(request)) {
            String source = map.getUrl();
            for (ConceptMap.ConceptMapGroupComponent group : map.getGroup()) {
                String from = request.reverse() ? group.getTarget() : group.getSource();
                String to = request.reverse() ? group.getSource() : group.getTarget();
                if (from == null || !index.canonical(from).equals(index.canonical(request.system()))) {
                    continue;
                }
                if (request.targetSystem() != null && (to == null
                        || !index.canonical(to).equals(index.canonical(request.targetSystem())))) {
                    continue;
                }
                for (ConceptMap.SourceElementComponent element : group.getElement()) {
                    for (ConceptMap.TargetElementComponent target : element.getTarget()) {
                        if (!request.reverse() && sameCode(element.getCode(), request.code())) {
                            matches.add(new Match(equivalence(target.getEquivalence()),
                                    new Coding(to, target.getCode(), target.getDisplay()), source));
                        } else if (request.reverse() && sameCode(target.getCode(), request.code())) {
                            matches.add(new Match(equivalence(target.getEquivalence()),
                                    new Coding(to, element.getCode(), element.getDisplay()), source));
                        }
                    }
                }
            }
        }
        return matches;
    }

    private static String equivalence(ConceptMapEquivalence e) {
        return e == null ? "equivalent" : e.toCode();
    }

    /** Codes compare as written, or without dots (J189 = J18.9) as in the insurance XML. */
    private static boolean sameCode(String a, String b) {
        return a != null && b != null && (a.equals(b) || a.replace(".", "").equals(b.replace(".", "")));
    }

    private List<ConceptMap> maps(Request request) {
        if (request.conceptMap() != null) {
            return List.of(request.conceptMap());
        }
        if (request.id() != null) {
            return List.of(parse(reads.read("ConceptMap", request.id())));
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (request.url() != null) {
            params.put("url", List.of(request.url()));
        } else {
            params.put(request.reverse() ? "target-system" : "source-system", List.of(request.system()));
        }
        params.put("_count", List.of("50"));
        List<ConceptMap> maps = search.search("ConceptMap", params).matches().stream().map(this::parse).toList();
        if (maps.isEmpty() && request.url() != null) {
            throw FhirError.notFound("VNEMR-2004", request.url());
        }
        return maps;
    }

    private ConceptMap parse(StoredResource stored) {
        Cached cached = parsed.get(stored.id());
        if (cached != null && cached.version() == stored.versionId()) {
            return cached.map();
        }
        ConceptMap map = fhirContext.newJsonParser().parseResource(ConceptMap.class, stored.json());
        parsed.put(stored.id(), new Cached(stored.versionId(), map));
        return map;
    }
}

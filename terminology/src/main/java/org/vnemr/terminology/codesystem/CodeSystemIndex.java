package org.vnemr.terminology.codesystem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The concepts of one code system version in memory, with its is-a hierarchy: lookups by code (also in the
 * compact form without dots that the insurance XML uses: {@code J189} for {@code J18.9}), children, ancestors
 * and subsumption. Immutable; a reload builds a new one.
 */
public final class CodeSystemIndex {

    private final String url;
    private final String version;
    private final String name;
    private final String title;
    private final String valueSet;
    private final String resourceId;
    private final Map<String, PropertyDefinition> propertyDefinitions;
    private final Map<String, IndexedConcept> byCode = new LinkedHashMap<>();
    private final Map<String, String> compactCodes = new HashMap<>();
    private final Map<String, List<String>> children = new HashMap<>();
    private final Map<String, Set<String>> ancestors = new HashMap<>();
    private final List<IndexedConcept> concepts;
    /** Built on the first text search: the distinct display words, sorted, and the concepts using each. */
    private volatile WordIndex words;

    private record WordIndex(String[] vocabulary, int[][] postings) {
    }

    public CodeSystemIndex(String url, String version, String name, String title, String valueSet, String resourceId,
                           List<PropertyDefinition> properties, List<IndexedConcept> concepts) {
        this.url = url;
        this.version = version;
        this.name = name;
        this.title = title;
        this.valueSet = valueSet;
        this.resourceId = resourceId;
        Map<String, PropertyDefinition> defs = new LinkedHashMap<>();
        properties.forEach(p -> defs.put(p.code(), p));
        this.propertyDefinitions = Collections.unmodifiableMap(defs);
        List<IndexedConcept> ordered = new ArrayList<>(concepts);
        ordered.sort((a, b) -> Integer.compare(a.ordinal(), b.ordinal()));
        for (IndexedConcept c : ordered) {
            byCode.putIfAbsent(c.code(), c);
            if (c.code().indexOf('.') >= 0) {
                compactCodes.putIfAbsent(c.code().replace(".", ""), c.code());
            }
        }
        this.concepts = List.copyOf(byCode.values());
        for (IndexedConcept c : this.concepts) {
            for (String parent : c.parents()) {
                children.computeIfAbsent(parent, p -> new ArrayList<>()).add(c.code());
            }
        }
        for (IndexedConcept c : this.concepts) {
            ancestorsOf(c.code(), new LinkedHashSet<>());
        }
    }

    private Set<String> ancestorsOf(String code, Set<String> visiting) {
        Set<String> known = ancestors.get(code);
        if (known != null) {
            return known;
        }
        IndexedConcept concept = byCode.get(code);
        if (concept == null || !visiting.add(code)) {
            return Set.of(); // unknown parent or a cycle in bad data: stop here rather than loop
        }
        Set<String> result = new LinkedHashSet<>();
        for (String parent : concept.parents()) {
            result.add(parent);
            result.addAll(ancestorsOf(parent, visiting));
        }
        visiting.remove(code);
        Set<String> frozen = Collections.unmodifiableSet(result);
        ancestors.put(code, frozen);
        return frozen;
    }

    public String url() {
        return url;
    }

    public String version() {
        return version;
    }

    public String name() {
        return name;
    }

    public String title() {
        return title;
    }

    /** The canonical of the implicit value set of all codes ({@code CodeSystem.valueSet}), or null. */
    public String valueSet() {
        return valueSet;
    }

    public String resourceId() {
        return resourceId;
    }

    public Map<String, PropertyDefinition> propertyDefinitions() {
        return propertyDefinitions;
    }

    /** All concepts in code system order. */
    public List<IndexedConcept> concepts() {
        return concepts;
    }

    public int size() {
        return concepts.size();
    }

    /** The concept with {@code code}, also found by its form without dots (J189 → J18.9). */
    public Optional<IndexedConcept> find(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String trimmed = code.trim();
        IndexedConcept exact = byCode.get(trimmed);
        if (exact != null) {
            return Optional.of(exact);
        }
        String dotted = compactCodes.get(trimmed.replace(".", ""));
        return dotted == null ? Optional.empty() : Optional.ofNullable(byCode.get(dotted));
    }

    public List<String> children(String code) {
        return children.getOrDefault(code, List.of());
    }

    /** Codes this concept is-a, transitively (not itself). */
    public Set<String> ancestors(String code) {
        return ancestors.getOrDefault(code, Set.of());
    }

    /**
     * Positions (in {@link #concepts()}) of the concepts whose display has, for every one of {@code prefixes}, a
     * word starting with it: a binary search in the sorted vocabulary per prefix instead of a scan of every
     * display, so a search box stays fast on the largest lists.
     */
    public BitSet withWordPrefixes(String[] prefixes) {
        WordIndex index = wordIndex();
        BitSet result = null;
        for (String prefix : prefixes) {
            BitSet matches = new BitSet(concepts.size());
            int i = Arrays.binarySearch(index.vocabulary(), prefix);
            for (i = i < 0 ? -i - 1 : i; i < index.vocabulary().length && index.vocabulary()[i].startsWith(prefix);
                 i++) {
                for (int position : index.postings()[i]) {
                    matches.set(position);
                }
            }
            if (result == null) {
                result = matches;
            } else {
                result.and(matches);
            }
            if (result.isEmpty()) {
                break;
            }
        }
        return result == null ? new BitSet() : result;
    }

    private WordIndex wordIndex() {
        WordIndex built = words;
        if (built == null) {
            synchronized (this) {
                if (words == null) {
                    Map<String, List<Integer>> byWord = new java.util.TreeMap<>();
                    for (int p = 0; p < concepts.size(); p++) {
                        for (String w : concepts.get(p).words()) {
                            List<Integer> list = byWord.computeIfAbsent(w, k -> new ArrayList<>());
                            if (list.isEmpty() || list.get(list.size() - 1) != p) {
                                list.add(p);
                            }
                        }
                    }
                    String[] vocabulary = byWord.keySet().toArray(String[]::new);
                    int[][] postings = new int[vocabulary.length][];
                    int k = 0;
                    for (List<Integer> list : byWord.values()) {
                        postings[k++] = list.stream().mapToInt(Integer::intValue).toArray();
                    }
                    words = new WordIndex(vocabulary, postings);
                }
                built = words;
            }
        }
        return built;
    }

    /** Whether {@code code} is {@code ancestor} or one of its descendants. */
    public boolean isA(String code, String ancestor) {
        return code.equals(ancestor) || ancestors(code).contains(ancestor);
    }
}

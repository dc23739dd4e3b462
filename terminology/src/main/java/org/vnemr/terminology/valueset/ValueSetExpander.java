package org.vnemr.terminology.valueset;

import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.ValueSet;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.terminology.codesystem.CodeSystemIndex;
import org.vnemr.terminology.codesystem.IndexedConcept;
import org.vnemr.terminology.codesystem.TerminologyIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Works out the codes of a value set from its {@code compose}: includes by whole code system, by listed
 * concepts, by filters ({@code concept is-a / descendent-of / is-not-a}, property {@code =}, {@code in},
 * {@code exists}) and by other value sets; excludes the same way. A value set with only an {@code expansion}
 * has those codes. Membership of one code is checked without expanding.
 */
public final class ValueSetExpander {

    private static final int MAX_DEPTH = 10;

    /** One page of an expansion: the codes in rank order and how many matched in all. */
    public record Page(List<Member> members, int total) {
    }

    private final TerminologyIndex index;
    private final ValueSetResolver resolver;

    public ValueSetExpander(TerminologyIndex index, ValueSetResolver resolver) {
        this.index = index;
        this.resolver = resolver;
    }

    /**
     * The codes matching {@code filter} (may be null), best first, from {@code offset}, at most {@code count}.
     */
    public Page expand(ValueSet vs, String filter, boolean activeOnly, boolean excludeNotForUi, int offset,
                       int count) {
        TextFilter text = filter == null || filter.isBlank() ? null : new TextFilter(filter);
        CodeSystemIndex whole = wholeSystem(vs);
        if (text != null && !text.isEmpty() && whole != null) {
            return searchWholeSystem(whole, text, activeOnly, excludeNotForUi, offset, count);
        }
        List<Member> all = members(vs, 0);
        if (text == null || text.isEmpty()) {
            List<Member> kept = all.stream().filter(m -> keep(m, activeOnly, excludeNotForUi)).toList();
            return new Page(slice(kept, offset, count), kept.size());
        }
        List<Ranked> matches = new ArrayList<>();
        for (Member m : all) {
            if (!keep(m, activeOnly, excludeNotForUi)) {
                continue;
            }
            int rank = text.rank(m.code(), m.concept());
            if (rank == TextFilter.NO_MATCH && m.concept() == null && m.display() != null) {
                rank = text.rank(m.code(), IndexedConcept.of(m.code(), m.display(), List.of(), Map.of(), List.of(),
                        true, 0));
            }
            if (rank != TextFilter.NO_MATCH) {
                matches.add(new Ranked(m, rank, rank == 0 || m.concept() == null ? 0
                        : m.concept().words().length, matches.size()));
            }
        }
        matches.sort(BEST_FIRST);
        return new Page(slice(matches.stream().map(Ranked::member).toList(), offset, count), matches.size());
    }

    private record Ranked(Member member, int rank, int words, int position) {
    }

    private static final Comparator<Ranked> BEST_FIRST = Comparator.comparingInt(Ranked::rank)
            .thenComparingInt(Ranked::words).thenComparingInt(Ranked::position);

    /** The code system when the value set is all of one loaded code system (the implicit all-codes value set). */
    private CodeSystemIndex wholeSystem(ValueSet vs) {
        if (!vs.hasCompose() || vs.getCompose().hasExclude() || vs.getCompose().getInclude().size() != 1) {
            return null;
        }
        ValueSet.ConceptSetComponent include = vs.getCompose().getIncludeFirstRep();
        if (!include.hasSystem() || include.hasConcept() || include.hasFilter() || include.hasValueSet()) {
            return null;
        }
        return index.system(include.getSystem()).orElse(null);
    }

    /** The search box over a whole code system: candidates from the word index, then ranked. */
    private static Page searchWholeSystem(CodeSystemIndex cs, TextFilter text, boolean activeOnly,
                                          boolean excludeNotForUi, int offset, int count) {
        List<IndexedConcept> concepts = cs.concepts();
        java.util.BitSet candidates = text.words().length == 0 ? new java.util.BitSet()
                : cs.withWordPrefixes(text.words());
        for (int p = 0; p < concepts.size(); p++) {
            if (text.matchesCode(concepts.get(p).code())) {
                candidates.set(p);
            }
        }
        List<Ranked> matches = new ArrayList<>();
        for (int p = candidates.nextSetBit(0); p >= 0; p = candidates.nextSetBit(p + 1)) {
            IndexedConcept c = concepts.get(p);
            Member m = new Member(cs.url(), cs.version(), c.code(), c.display(), c);
            if (!keep(m, activeOnly, excludeNotForUi)) {
                continue;
            }
            int rank = text.rank(c.code(), c);
            if (rank != TextFilter.NO_MATCH) {
                matches.add(new Ranked(m, rank, rank == 0 ? 0 : c.words().length, p));
            }
        }
        matches.sort(BEST_FIRST);
        return new Page(slice(matches.stream().map(Ranked::member).toList(), offset, count), matches.size());
    }

    private static boolean keep(Member m, boolean activeOnly, boolean excludeNotForUi) {
        IndexedConcept c = m.concept();
        if (c == null) {
            return true;
        }
        return (!activeOnly || c.active()) && (!excludeNotForUi || c.selectable());
    }

    private static List<Member> slice(List<Member> list, int offset, int count) {
        int from = Math.min(offset, list.size());
        int to = (int) Math.min((long) from + count, list.size());
        return list.subList(from, to);
    }

    /** All codes of the value set, in definition order, each once. */
    public List<Member> members(ValueSet vs, int depth) {
        if (depth > MAX_DEPTH) {
            throw FhirError.unprocessable("VNEMR-2012", vs.getUrl(), "depth " + depth);
        }
        if (!vs.hasCompose() && vs.hasExpansion()) {
            List<Member> listed = new ArrayList<>();
            for (ValueSet.ValueSetExpansionContainsComponent c : vs.getExpansion().getContains()) {
                listed.add(member(c.getSystem(), c.getVersion(), c.getCode(), c.getDisplay()));
            }
            return listed;
        }
        List<ValueSet.ConceptSetComponent> includes = vs.getCompose().getInclude();
        if (includes.size() == 1 && includes.get(0).hasSystem() && !includes.get(0).hasValueSet()
                && !vs.getCompose().hasExclude()) {
            return fromSystem(vs, includes.get(0)); // one code system: already unique, no merging needed
        }
        Map<String, Member> result = new LinkedHashMap<>();
        for (ValueSet.ConceptSetComponent include : includes) {
            for (Member m : included(vs, include, depth)) {
                result.putIfAbsent(m.system() + "|" + m.code(), m);
            }
        }
        for (ValueSet.ConceptSetComponent exclude : vs.getCompose().getExclude()) {
            for (Member m : included(vs, exclude, depth)) {
                result.remove(m.system() + "|" + m.code());
            }
        }
        return new ArrayList<>(result.values());
    }

    private List<Member> included(ValueSet vs, ValueSet.ConceptSetComponent include, int depth) {
        List<Member> members;
        if (include.hasSystem()) {
            members = fromSystem(vs, include);
        } else {
            members = null;
        }
        for (CanonicalType other : include.getValueSet()) {
            ValueSet referenced = resolver.byUrl(other.getValue(), null);
            if (referenced.getUrl() != null && referenced.getUrl().equals(vs.getUrl())) {
                throw FhirError.unprocessable("VNEMR-2012", vs.getUrl(), other.getValue());
            }
            List<Member> those = members(referenced, depth + 1);
            if (members == null) {
                members = those;
            } else { // system and value sets together: the codes in both
                Set<String> keys = new java.util.HashSet<>();
                those.forEach(m -> keys.add(m.system() + "|" + m.code()));
                members = members.stream().filter(m -> keys.contains(m.system() + "|" + m.code())).toList();
            }
        }
        return members == null ? List.of() : members;
    }

    private List<Member> fromSystem(ValueSet vs, ValueSet.ConceptSetComponent include) {
        String system = include.getSystem();
        CodeSystemIndex cs = index.system(system).orElse(null);
        List<Member> members = new ArrayList<>();
        if (include.hasConcept()) {
            for (ValueSet.ConceptReferenceComponent ref : include.getConcept()) {
                IndexedConcept c = cs == null ? null : cs.find(ref.getCode()).orElse(null);
                if (cs != null && c == null) {
                    continue; // a listed code the code system does not have is not a member
                }
                String display = ref.hasDisplay() ? ref.getDisplay() : c == null ? null : c.display();
                members.add(new Member(cs == null ? system : cs.url(), cs == null ? include.getVersion()
                        : cs.version(), c == null ? ref.getCode() : c.code(), display, c));
            }
            return members.stream().filter(m -> m.concept() == null || passes(vs, cs, m.concept(), include))
                    .toList();
        }
        if (cs == null) {
            throw FhirError.unprocessable("VNEMR-2000", system);
        }
        for (IndexedConcept c : cs.concepts()) {
            if (passes(vs, cs, c, include)) {
                members.add(new Member(cs.url(), cs.version(), c.code(), c.display(), c));
            }
        }
        return members;
    }

    /** Whether a concept passes every filter of the include. */
    private static boolean passes(ValueSet vs, CodeSystemIndex cs, IndexedConcept c,
                                  ValueSet.ConceptSetComponent include) {
        for (ValueSet.ConceptSetFilterComponent f : include.getFilter()) {
            if (!passes(vs, cs, c, f)) {
                return false;
            }
        }
        return true;
    }

    private static boolean passes(ValueSet vs, CodeSystemIndex cs, IndexedConcept c,
                                  ValueSet.ConceptSetFilterComponent f) {
        String property = f.getProperty();
        String op = f.getOp() == null ? "" : f.getOp().toCode();
        String value = f.getValue();
        boolean concept = "concept".equals(property) || "code".equals(property);
        if (concept) {
            String target = cs.find(value).map(IndexedConcept::code).orElse(value);
            switch (op) {
                case "is-a":
                    return cs.isA(c.code(), target);
                case "descendent-of":
                    return !c.code().equals(target) && cs.isA(c.code(), target);
                case "is-not-a":
                    return !cs.isA(c.code(), target);
                case "=":
                    return c.code().equals(target);
                case "in":
                    return Arrays.stream(value.split(",")).map(String::trim).anyMatch(c.code()::equals);
                default:
                    throw FhirError.unprocessable("VNEMR-2006", property, op, vs.getUrl());
            }
        }
        List<String> values = "parent".equals(property) ? c.parents() : c.properties(property);
        switch (op) {
            case "=":
                return values.contains(value);
            case "in":
                return Arrays.stream(value.split(",")).map(String::trim).anyMatch(values::contains);
            case "exists":
                return values.isEmpty() != Boolean.parseBoolean(value);
            default:
                throw FhirError.unprocessable("VNEMR-2006", property, op, vs.getUrl());
        }
    }

    private Member member(String system, String version, String code, String display) {
        IndexedConcept c = system == null ? null
                : index.system(system).flatMap(cs -> cs.find(code)).orElse(null);
        return new Member(system, version, code, display != null ? display : c == null ? null : c.display(), c);
    }

    /** Whether {@code system|code} is in the value set, checked include by include. */
    public boolean contains(ValueSet vs, String system, String code, int depth) {
        if (depth > MAX_DEPTH) {
            throw FhirError.unprocessable("VNEMR-2012", vs.getUrl(), "depth " + depth);
        }
        if (!vs.hasCompose()) {
            return members(vs, depth).stream().anyMatch(m -> matches(m, system, code));
        }
        boolean included = false;
        for (ValueSet.ConceptSetComponent include : vs.getCompose().getInclude()) {
            if (inInclude(vs, include, system, code, depth)) {
                included = true;
                break;
            }
        }
        if (!included) {
            return false;
        }
        for (ValueSet.ConceptSetComponent exclude : vs.getCompose().getExclude()) {
            if (inInclude(vs, exclude, system, code, depth)) {
                return false;
            }
        }
        return true;
    }

    private boolean matches(Member m, String system, String code) {
        if (m.system() == null || !index.canonical(system).equals(index.canonical(m.system()))) {
            return false;
        }
        if (m.code().equals(code)) {
            return true;
        }
        return m.concept() != null && index.system(system).flatMap(cs -> cs.find(code))
                .map(c -> c.code().equals(m.code())).orElse(false);
    }

    private boolean inInclude(ValueSet vs, ValueSet.ConceptSetComponent include, String system, String code,
                              int depth) {
        if (include.hasSystem()) {
            String canonical = index.canonical(system);
            if (!canonical.equals(index.canonical(include.getSystem()))) {
                return false;
            }
            CodeSystemIndex cs = index.system(include.getSystem()).orElse(null);
            IndexedConcept c = cs == null ? null : cs.find(code).orElse(null);
            if (include.hasConcept()) {
                String wanted = c == null ? code : c.code();
                boolean listed = include.getConcept().stream().anyMatch(ref -> ref.getCode().equals(wanted)
                        || (cs != null && cs.find(ref.getCode()).map(x -> x.code().equals(wanted)).orElse(false)));
                if (!listed || (c == null && cs != null)) {
                    return false;
                }
            } else if (c == null) {
                return false;
            }
            if (c != null && !passes(vs, cs, c, include)) {
                return false;
            }
        }
        for (CanonicalType other : include.getValueSet()) {
            if (!contains(resolver.byUrl(other.getValue(), null), system, code, depth + 1)) {
                return false;
            }
        }
        return include.hasSystem() || include.hasValueSet();
    }
}

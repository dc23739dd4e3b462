package org.vnemr.terminology.lookup;

import org.vnemr.terminology.CodeLookup;
import org.vnemr.terminology.Concept;
import org.vnemr.terminology.codesystem.CodeSystemIndex;
import org.vnemr.terminology.codesystem.IndexedConcept;
import org.vnemr.terminology.codesystem.TerminologyIndex;
import org.vnemr.terminology.valueset.ValueSetMembership;

import java.util.Optional;

/** {@link CodeLookup} over the in-memory index; value sets other than all-codes ones ask the membership check. */
public final class InMemoryCodeLookup implements CodeLookup {

    private final TerminologyIndex index;
    private final ValueSetMembership membership;

    public InMemoryCodeLookup(TerminologyIndex index, ValueSetMembership membership) {
        this.index = index;
        this.membership = membership;
    }

    @Override
    public Optional<Concept> lookup(String system, String code) {
        return index.system(system).flatMap(cs -> cs.find(code)
                .map(c -> new Concept(cs.url(), c.code(), c.display(), withParents(c), c.active())));
    }

    private static java.util.Map<String, java.util.List<String>> withParents(IndexedConcept c) {
        if (c.parents().isEmpty()) {
            return c.properties();
        }
        java.util.Map<String, java.util.List<String>> all = new java.util.LinkedHashMap<>(c.properties());
        all.put("parent", c.parents());
        return all;
    }

    @Override
    public boolean knowsSystem(String system) {
        return index.system(system).isPresent();
    }

    @Override
    public boolean inValueSet(String valueSetUrl, String system, String code) {
        Optional<CodeSystemIndex> all = index.systemOfValueSet(valueSetUrl);
        if (all.isPresent()) {
            return index.canonical(system).equals(all.get().url()) && all.get().find(code).isPresent();
        }
        return membership.contains(valueSetUrl, system, code);
    }
}

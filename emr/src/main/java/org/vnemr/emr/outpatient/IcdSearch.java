package org.vnemr.emr.outpatient;

import org.hl7.fhir.r4.model.ValueSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.vnemr.terminology.CodeLookup;
import org.vnemr.terminology.Concept;
import org.vnemr.terminology.valueset.Member;
import org.vnemr.terminology.valueset.ValueSetExpander;
import org.vnemr.terminology.valueset.ValueSetResolver;

import java.util.List;
import java.util.Optional;

/**
 * The ICD-10 VN picker's search, in process: the same {@code $expand} with {@code filter} as the terminology API
 * (diacritic-insensitive, "viem phoi" finds "Viêm phổi", codes by prefix), over the value set of every ICD-10 VN
 * code. Empty when terminology is not part of this node or not loaded yet.
 */
@Component
class IcdSearch {

    /** One pickable code. */
    public record Hit(String code, String display) {
    }

    private final ObjectProvider<ValueSetResolver> resolver;
    private final ObjectProvider<ValueSetExpander> expander;
    private final ObjectProvider<CodeLookup> lookup;

    IcdSearch(ObjectProvider<ValueSetResolver> resolver, ObjectProvider<ValueSetExpander> expander,
              ObjectProvider<CodeLookup> lookup) {
        this.resolver = resolver;
        this.expander = expander;
        this.lookup = lookup;
    }

    /** Best matches first; at most {@code count}. */
    List<Hit> search(String text, int count) {
        ValueSetResolver r = resolver.getIfAvailable();
        ValueSetExpander x = expander.getIfAvailable();
        if (r == null || x == null || text == null || text.isBlank()) {
            return List.of();
        }
        try {
            ValueSet vs = r.byUrl(VisitCodes.VS_ICD10, null);
            return x.expand(vs, text.strip(), true, true, 0, count).members().stream()
                    .map((Member m) -> new Hit(m.code(), m.display())).toList();
        } catch (RuntimeException notLoaded) {
            return List.of(); // value set not loaded yet: the picker shows "no match", typing a code still works
        }
    }

    /** Whether ICD-10 VN can be checked here at all. */
    boolean available() {
        CodeLookup l = lookup.getIfAvailable();
        return l != null && l.knowsSystem(VisitCodes.CS_ICD10);
    }

    /** The code as ICD-10 VN knows it (display in Vietnamese), if it exists. */
    Optional<Concept> find(String code) {
        CodeLookup l = lookup.getIfAvailable();
        return l == null ? Optional.empty() : l.lookup(VisitCodes.CS_ICD10, code.strip().toUpperCase());
    }
}

package org.vnemr.terminology.valueset;

/** Whether a code is in a value set named by its canonical URL (for write-path validators and lookups). */
public final class ValueSetMembership {

    private final ValueSetResolver resolver;
    private final ValueSetExpander expander;

    public ValueSetMembership(ValueSetResolver resolver, ValueSetExpander expander) {
        this.resolver = resolver;
        this.expander = expander;
    }

    /** False when the value set is not known. */
    public boolean contains(String valueSetUrl, String system, String code) {
        return resolver.find(valueSetUrl, null).map(vs -> expander.contains(vs, system, code, 0)).orElse(false);
    }
}

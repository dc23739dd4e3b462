package org.vnemr.terminology;

import java.util.Optional;

/**
 * Fast in-process lookups for validators on the write path: they run on every write, so they answer from memory
 * (the loaded code systems), never with a query per code.
 */
public interface CodeLookup {

    /** The concept, if {@code code} exists in the code system with canonical {@code system}. */
    Optional<Concept> lookup(String system, String code);

    /** Whether the code system is known at all (an unknown system cannot be checked, so callers skip it). */
    boolean knowsSystem(String system);

    /** Whether {@code system|code} is in the value set with canonical {@code valueSetUrl}. */
    boolean inValueSet(String valueSetUrl, String system, String code);
}

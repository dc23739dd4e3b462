package org.vnemr.terminology.valueset;

import org.vnemr.terminology.codesystem.IndexedConcept;

/**
 * One code of a value set. {@code concept} is null for a code listed in a value set whose code system is not
 * loaded here (e.g. SNOMED CT codes named one by one).
 */
public record Member(String system, String version, String code, String display, IndexedConcept concept) {
}

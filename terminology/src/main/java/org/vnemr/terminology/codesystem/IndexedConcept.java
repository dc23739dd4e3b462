package org.vnemr.terminology.codesystem;

import org.vnemr.fhir.text.VietnameseText;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One concept as the terminology operations hold it in memory: the display folded once for diacritic-free
 * search ("Viêm phổi" → "viem phoi") and split into words, so a filter is a few string comparisons per concept.
 *
 * @param parents    codes of the concepts this one is-a (from nesting or the {@code parent} property)
 * @param properties other properties by code, values as text (booleans as {@code true}/{@code false})
 * @param ordinal    position in the code system, the tie-breaker of every ordering
 */
public record IndexedConcept(String code, String display, List<String> parents, Map<String, List<String>> properties,
                             List<Designation> designations, boolean active, int ordinal, String folded,
                             String[] words) {

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    public static IndexedConcept of(String code, String display, List<String> parents,
                                    Map<String, List<String>> properties, List<Designation> designations,
                                    boolean active, int ordinal) {
        return of(code, display, VietnameseText.fold(display == null ? "" : display), parents, properties,
                designations, active, ordinal);
    }

    /** With the display already folded (as stored in {@code terminology_concept.display_folded}). */
    public static IndexedConcept of(String code, String display, String folded, List<String> parents,
                                    Map<String, List<String>> properties, List<Designation> designations,
                                    boolean active, int ordinal) {
        return new IndexedConcept(code, display, List.copyOf(parents), Map.copyOf(properties),
                List.copyOf(designations), active, ordinal, folded, words(folded));
    }

    /** The words of folded text, punctuation dropped. */
    public static String[] words(String folded) {
        String trimmed = NON_WORD.matcher(folded).replaceAll(" ").trim();
        return trimmed.isEmpty() ? new String[0] : trimmed.split(" ");
    }

    public String property(String name) {
        List<String> values = properties.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public List<String> properties(String name) {
        return properties.getOrDefault(name, List.of());
    }

    /** Chapters and blocks of a classification are grouping concepts, not codes to record. */
    public boolean selectable() {
        return !"true".equals(property("notSelectable"));
    }
}

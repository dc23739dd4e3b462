package org.vnemr.terminology;

import java.util.List;
import java.util.Map;

/**
 * One concept of a code system as the lookups see it.
 *
 * @param display    the display in the code system's language (Vietnamese for national lists)
 * @param properties the concept's properties by code (e.g. {@code parent}, {@code province}, {@code sex})
 * @param active     false for retired codes (old districts, withdrawn catalogue entries)
 */
public record Concept(String system, String code, String display, Map<String, List<String>> properties,
                      boolean active) {

    public Concept {
        properties = Map.copyOf(properties);
    }

    /** The first value of a property, or {@code null}. */
    public String property(String name) {
        List<String> values = properties.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}

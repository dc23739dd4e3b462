package org.vnemr.fhir.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The elements a resource, data type or backbone element may have, by JSON property name. */
final class TypeRule {

    enum Role { RESOURCE, REFERENCE, EXTENSION, NARRATIVE, CODEABLE_CONCEPT, CODING, OTHER }

    final String name;
    final Role role;
    final Map<String, ElementRule> elements = new HashMap<>();
    final List<ElementRule> required = new ArrayList<>();
    final List<ElementRule.ChoiceGroup> choices = new ArrayList<>();

    TypeRule(String name, Role role) {
        this.name = name;
        this.role = role;
    }

    ElementRule element(String jsonName) {
        return elements.get(jsonName);
    }

    /** The choice element that {@code jsonName} looks like a variant of ({@code valueFoo}), or null. */
    ElementRule.ChoiceGroup choiceLike(String jsonName) {
        for (ElementRule.ChoiceGroup group : choices) {
            if (jsonName.length() > group.baseName.length() && jsonName.startsWith(group.baseName)
                    && Character.isUpperCase(jsonName.charAt(group.baseName.length()))) {
                return group;
            }
        }
        return null;
    }
}

package org.vnemr.fhir.validation;

import java.util.Set;

/** What one JSON property of a composite type may hold, precompiled from HAPI's R4 runtime model. */
final class ElementRule {

    enum Kind { PRIMITIVE, COMPOSITE, RESOURCE }

    final String jsonName;
    /** The name in a FHIRPath: the JSON name, or {@code value.ofType(Quantity)} for a choice variant. */
    final String pathName;
    /** The name of the sibling property holding a primitive's id and extensions: {@code _} + JSON name. */
    final String extensionName;
    final int min;
    /** Maximum cardinality; {@link Integer#MAX_VALUE} when unbounded. */
    final int max;
    final Kind kind;
    final PrimitiveType primitive;
    TypeRule type;
    /** Codes of the required binding, null when the element is not bound to an enumeration. */
    Set<String> codes;
    /** Codes (by system) of the required binding of a CodeableConcept or Coding, or null. */
    java.util.Map<String, Set<String>> codings;
    /** Allowed target types of a Reference, null when any resource type is allowed. */
    Set<String> targets;
    /** The choice element this is a variant of, or null. */
    ChoiceGroup choice;

    ElementRule(String jsonName, String pathName, int min, int max, Kind kind, PrimitiveType primitive,
            TypeRule type) {
        this.jsonName = jsonName;
        this.pathName = pathName;
        this.extensionName = "_" + jsonName;
        this.min = min;
        this.max = max;
        this.kind = kind;
        this.primitive = primitive;
        this.type = type;
    }

    boolean repeats() {
        return max > 1;
    }

    /** One {@code name[x]} element: its variants share the cardinality of the element. */
    static final class ChoiceGroup {
        final String baseName;
        final int min;
        final int index;
        final java.util.List<ElementRule> variants = new java.util.ArrayList<>();

        ChoiceGroup(String baseName, int min, int index) {
            this.baseName = baseName;
            this.min = min;
            this.index = index;
        }
    }
}

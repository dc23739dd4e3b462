package org.vnemr.fhir.validation;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeChildChoiceDefinition;
import ca.uhn.fhir.context.RuntimeChildContainedResources;
import ca.uhn.fhir.context.RuntimeChildDirectResource;
import ca.uhn.fhir.context.RuntimeChildExtension;
import ca.uhn.fhir.context.RuntimeChildPrimitiveEnumerationDatatypeDefinition;
import ca.uhn.fhir.context.RuntimeChildResourceDefinition;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import org.hl7.fhir.instance.model.api.IBaseResource;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Compiles HAPI's R4 runtime model into {@link TypeRule} trees: one per resource type, data types and
 * backbone elements shared, so the walk never touches HAPI's reflection-based model.
 */
final class RuleCompiler {

    /**
     * Types HAPI offers for the open {@code Extension.value[x]} that R4 does not allow there
     * (https://hl7.org/fhir/R4/datatypes.html#open).
     */
    private static final Set<String> NOT_OPEN_TYPES = Set.of("Extension", "Narrative", "Xhtml", "ElementDefinition",
            "MarketingStatus", "ProdCharacteristic", "ProductShelfLife", "Population", "SubstanceAmount");

    private final FhirContext context;
    private final Map<BaseRuntimeElementDefinition<?>, TypeRule> compiled = new IdentityHashMap<>();
    private final BaseRuntimeElementCompositeDefinition<?> extensionDefinition;
    private final Map<String, Map<String, Set<String>>> codingBindings;

    RuleCompiler(FhirContext context, Map<String, Map<String, Set<String>>> codingBindings) {
        this.context = context;
        this.codingBindings = codingBindings;
        this.extensionDefinition = (BaseRuntimeElementCompositeDefinition<?>) context.getElementDefinition("Extension");
    }

    /** The rules of every resource type of the context, by type name. */
    Map<String, TypeRule> compileResources() {
        Map<String, TypeRule> resources = new HashMap<>();
        for (String type : context.getResourceTypes()) {
            resources.put(type, compile(context.getResourceDefinition(type), type, TypeRule.Role.RESOURCE));
        }
        return Map.copyOf(resources);
    }

    /** The rule of the {@code _name} object beside a primitive: an {@code id} and extensions. */
    TypeRule primitiveElement() {
        TypeRule element = new TypeRule("Element", TypeRule.Role.OTHER);
        put(element, new ElementRule("id", "id", 0, 1, ElementRule.Kind.PRIMITIVE, PrimitiveType.STRING, null));
        put(element, new ElementRule("extension", "extension", 0, Integer.MAX_VALUE, ElementRule.Kind.COMPOSITE, null,
                compile(extensionDefinition, "Extension", TypeRule.Role.EXTENSION)));
        return element;
    }

    private TypeRule compile(BaseRuntimeElementCompositeDefinition<?> definition, String name, TypeRule.Role role) {
        TypeRule existing = compiled.get(definition);
        if (existing != null) {
            return existing;
        }
        TypeRule rule = new TypeRule(name, role);
        compiled.put(definition, rule);
        for (BaseRuntimeChildDefinition child : definition.getChildren()) {
            addChild(rule, child);
        }
        return rule;
    }

    private void addChild(TypeRule rule, BaseRuntimeChildDefinition child) {
        String name = child.getElementName();
        int min = child.getMin();
        int max = child.getMax() < 0 ? Integer.MAX_VALUE : child.getMax();
        if (child instanceof RuntimeChildExtension) {
            TypeRule extension = compile(extensionDefinition, "Extension", TypeRule.Role.EXTENSION);
            put(rule, new ElementRule(name, name, min, max, ElementRule.Kind.COMPOSITE, null, extension));
        } else if (child instanceof RuntimeChildContainedResources || child instanceof RuntimeChildDirectResource) {
            put(rule, new ElementRule(name, name, min, max, ElementRule.Kind.RESOURCE, null, null));
        } else if (child instanceof RuntimeChildChoiceDefinition choice) {
            addChoice(rule, choice, name, min);
        } else {
            ElementRule element = elementFor(child.getChildByName(name), rule.name + "." + name, name, name, min, max);
            if (element == null) {
                return;
            }
            if (child instanceof RuntimeChildResourceDefinition references) {
                element.targets = targetTypes(references.getResourceTypes());
            }
            if (child instanceof RuntimeChildPrimitiveEnumerationDatatypeDefinition enumeration) {
                element.codes = codesOf(enumeration.getBoundEnumType());
            }
            if (element.type != null && (element.type.role == TypeRule.Role.CODEABLE_CONCEPT
                    || element.type.role == TypeRule.Role.CODING)) {
                element.codings = codingBindings.get(rule.name + "." + name);
            }
            put(rule, element);
        }
    }

    private void addChoice(TypeRule rule, RuntimeChildChoiceDefinition choice, String name, int min) {
        ElementRule.ChoiceGroup group = new ElementRule.ChoiceGroup(name, min, rule.choices.size());
        Set<String> targets = new java.util.TreeSet<>();
        for (String variantName : choice.getValidChildNames()) {
            BaseRuntimeElementDefinition<?> definition = choice.getChildByName(variantName);
            String typeName = variantName.substring(name.length());
            if (definition instanceof RuntimeResourceDefinition
                    || "Reference".equals(definitionName(definition)) && !"Reference".equals(typeName)) {
                // HAPI lists the target types of a Reference choice as pseudo variants (authorPatient …),
                // plus a generic authorResource that does not widen them
                if (!"Resource".equals(typeName)) {
                    targets.add(typeName);
                }
                continue;
            }
            if (definition == null || rule.role == TypeRule.Role.EXTENSION && NOT_OPEN_TYPES.contains(typeName)) {
                continue;
            }
            ElementRule variant = elementFor(definition, rule.name + "." + variantName, variantName,
                    name + ".ofType(" + typeName + ")", 0, 1);
            if (variant != null) {
                variant.choice = group;
                group.variants.add(variant);
            }
        }
        if (group.variants.isEmpty()) {
            return;
        }
        for (ElementRule variant : group.variants) {
            if (variant.type != null && variant.type.role == TypeRule.Role.REFERENCE) {
                variant.targets = targets.isEmpty() ? null : java.util.Collections.unmodifiableSet(targets);
            }
            rule.elements.put(variant.jsonName, variant);
        }
        rule.choices.add(group);
    }

    private ElementRule elementFor(BaseRuntimeElementDefinition<?> definition, String qualifiedName, String jsonName,
            String pathName, int min, int max) {
        if (definition == null) {
            return null;
        }
        switch (definition.getChildType()) {
            case PRIMITIVE_DATATYPE, ID_DATATYPE, PRIMITIVE_XHTML, PRIMITIVE_XHTML_HL7ORG -> {
                PrimitiveType primitive = PrimitiveType.of(definition.getName());
                if (primitive == null) {
                    throw new IllegalStateException("No rule for primitive type " + definition.getName());
                }
                return new ElementRule(jsonName, pathName, min, max, ElementRule.Kind.PRIMITIVE, primitive, null);
            }
            case COMPOSITE_DATATYPE -> {
                String typeName = definition.getName();
                TypeRule.Role role = switch (typeName) {
                    case "Reference" -> TypeRule.Role.REFERENCE;
                    case "Extension" -> TypeRule.Role.EXTENSION;
                    case "Narrative" -> TypeRule.Role.NARRATIVE;
                    case "CodeableConcept" -> TypeRule.Role.CODEABLE_CONCEPT;
                    case "Coding" -> TypeRule.Role.CODING;
                    default -> TypeRule.Role.OTHER;
                };
                TypeRule type = compile((BaseRuntimeElementCompositeDefinition<?>) definition, typeName, role);
                return new ElementRule(jsonName, pathName, min, max, ElementRule.Kind.COMPOSITE, null, type);
            }
            case RESOURCE_BLOCK -> {
                TypeRule type = compile((BaseRuntimeElementCompositeDefinition<?>) definition, qualifiedName,
                        TypeRule.Role.OTHER);
                return new ElementRule(jsonName, pathName, min, max, ElementRule.Kind.COMPOSITE, null, type);
            }
            case RESOURCE, CONTAINED_RESOURCES, CONTAINED_RESOURCE_LIST -> {
                return new ElementRule(jsonName, pathName, min, max, ElementRule.Kind.RESOURCE, null, null);
            }
            default -> {
                return null;
            }
        }
    }

    private static String definitionName(BaseRuntimeElementDefinition<?> definition) {
        return definition == null ? null : definition.getName();
    }

    private static void put(TypeRule rule, ElementRule element) {
        rule.elements.put(element.jsonName, element);
        if (element.min > 0) {
            rule.required.add(element);
        }
    }

    private Set<String> targetTypes(Iterable<Class<? extends IBaseResource>> classes) {
        Set<String> names = new java.util.TreeSet<>();
        for (Class<? extends IBaseResource> type : classes) {
            if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                return null;
            }
            names.add(context.getResourceType(type));
        }
        return names.isEmpty() ? null : java.util.Collections.unmodifiableSet(names);
    }

    private static Set<String> codesOf(Class<? extends Enum<?>> enumType) {
        if (enumType == null) {
            return null;
        }
        try {
            Method toCode = enumType.getMethod("toCode");
            Set<String> codes = new LinkedHashSet<>();
            for (Enum<?> constant : enumType.getEnumConstants()) {
                if (!"NULL".equals(constant.name())) {
                    codes.add((String) toCode.invoke(constant));
                }
            }
            return codes.isEmpty() ? null : java.util.Collections.unmodifiableSet(codes);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}

package org.vnemr.fhir.validation;

import ca.uhn.fhir.context.support.IValidationSupport;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The required bindings of {@code CodeableConcept} and {@code Coding} elements in the R4 resource
 * definitions whose value set can be expanded from the definitions shipped with HAPI (enumerated
 * concepts, or whole complete code systems; no filters, imports or exclusions). HAPI's runtime model
 * only carries the bindings of {@code code} elements, as enumerations.
 */
final class RequiredBindings {

    /** The precompiled bindings on the class path, written by {@link #main} from HAPI's R4 definitions. */
    static final String RESOURCE = "/vnemr/validation/required-bindings-r4.json";

    private RequiredBindings() {
    }

    /**
     * The bindings from {@link #RESOURCE}: reading the R4 definitions takes seconds at every start, the
     * precompiled file milliseconds. {@code RequiredBindingsTest} keeps the file equal to {@link #load}.
     */
    static Map<String, Map<String, Set<String>>> precompiled() {
        try (java.io.InputStream in = RequiredBindings.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            Map<String, Map<String, Set<String>>> read = new com.fasterxml.jackson.databind.ObjectMapper().readValue(in,
                    new com.fasterxml.jackson.core.type.TypeReference<java.util.TreeMap<String, Map<String, Set<String>>>>() {
                    });
            return read;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The text of {@link #RESOURCE}: sorted, so the file is stable. */
    static String toJson(Map<String, Map<String, Set<String>>> bindings) {
        java.util.TreeMap<String, java.util.TreeMap<String, java.util.TreeSet<String>>> sorted = new java.util.TreeMap<>();
        bindings.forEach((path, systems) -> {
            java.util.TreeMap<String, java.util.TreeSet<String>> s = new java.util.TreeMap<>();
            systems.forEach((system, codes) -> s.put(system, new java.util.TreeSet<>(codes)));
            sorted.put(path, s);
        });
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(sorted) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Regenerates the precompiled file: {@code java … RequiredBindings <path of required-bindings-r4.json>}. */
    public static void main(String[] args) throws java.io.IOException {
        ca.uhn.fhir.context.FhirContext context = ca.uhn.fhir.context.FhirContext.forR4Cached();
        java.nio.file.Files.writeString(java.nio.file.Path.of(args[0]),
                toJson(load(new ca.uhn.fhir.context.support.DefaultProfileValidationSupport(context))));
    }

    /** By element path ({@code Condition.clinicalStatus}): the allowed codes by code system. */
    static Map<String, Map<String, Set<String>>> load(IValidationSupport support) {
        Map<String, Map<String, Set<String>>> bindings = new HashMap<>();
        Map<String, Map<String, Set<String>>> expansions = new HashMap<>();
        List<IBaseResource> definitions = support.fetchAllStructureDefinitions();
        if (definitions == null) {
            return bindings;
        }
        for (IBaseResource resource : definitions) {
            if (!(resource instanceof StructureDefinition definition)
                    || definition.getKind() != StructureDefinition.StructureDefinitionKind.RESOURCE
                    || definition.getDerivation() != StructureDefinition.TypeDerivationRule.SPECIALIZATION) {
                continue;
            }
            for (ElementDefinition element : definition.getSnapshot().getElement()) {
                if (!element.hasBinding()
                        || element.getBinding().getStrength() != Enumerations.BindingStrength.REQUIRED
                        || element.getType().size() != 1) {
                    continue;
                }
                String type = element.getTypeFirstRep().getCode();
                if (!"CodeableConcept".equals(type) && !"Coding".equals(type)) {
                    continue;
                }
                String valueSet = element.getBinding().getValueSet();
                if (valueSet == null) {
                    continue;
                }
                Map<String, Set<String>> codes = expansions.computeIfAbsent(valueSet, url -> expand(support, url));
                if (!codes.isEmpty()) {
                    bindings.put(element.getPath(), codes);
                }
            }
        }
        return bindings;
    }

    private static Map<String, Set<String>> expand(IValidationSupport support, String url) {
        int bar = url.indexOf('|');
        IBaseResource found = support.fetchValueSet(bar < 0 ? url : url.substring(0, bar));
        if (!(found instanceof ValueSet valueSet) || valueSet.getCompose().hasExclude()) {
            return Map.of();
        }
        Map<String, Set<String>> codes = new HashMap<>();
        for (ValueSet.ConceptSetComponent include : valueSet.getCompose().getInclude()) {
            if (!include.hasSystem() || include.hasFilter() || include.hasValueSet()) {
                return Map.of();
            }
            Set<String> system = codes.computeIfAbsent(include.getSystem(), s -> new HashSet<>());
            if (include.hasConcept()) {
                include.getConcept().forEach(concept -> system.add(concept.getCode()));
                continue;
            }
            IBaseResource codeSystem = support.fetchCodeSystem(include.getSystem());
            if (!(codeSystem instanceof CodeSystem complete)
                    || complete.getContent() != CodeSystem.CodeSystemContentMode.COMPLETE) {
                return Map.of();
            }
            addAll(complete.getConcept(), system);
        }
        Map<String, Set<String>> frozen = new HashMap<>();
        codes.forEach((system, set) -> frozen.put(system, Set.copyOf(set)));
        return Map.copyOf(frozen);
    }

    private static void addAll(List<CodeSystem.ConceptDefinitionComponent> concepts, Set<String> into) {
        for (CodeSystem.ConceptDefinitionComponent concept : concepts) {
            into.add(concept.getCode());
            addAll(concept.getConcept(), into);
        }
    }
}

package org.vnemr.terminology.operation;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.fhir.error.Messages;
import org.vnemr.terminology.codesystem.Designation;
import org.vnemr.terminology.codesystem.IndexedConcept;
import org.vnemr.terminology.codesystem.TerminologyIndex;
import org.vnemr.terminology.valueset.Member;
import org.vnemr.terminology.valueset.ValueSetExpander;
import org.vnemr.terminology.valueset.ValueSetResolver;

import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code ValueSet/$expand} (by url, id or an inline value set; {@code filter} diacritic-insensitive and ranked;
 * {@code offset}/{@code count} paging with {@code total}) and {@code ValueSet/$validate-code}.
 */
public final class ValueSetOperations {

    /** The most codes one expansion page carries; larger value sets are paged. */
    public static final int MAX_COUNT = 1000;

    private final TerminologyIndex index;
    private final ValueSetResolver resolver;
    private final ValueSetExpander expander;

    public ValueSetOperations(TerminologyIndex index, ValueSetResolver resolver, ValueSetExpander expander) {
        this.index = index;
        this.resolver = resolver;
        this.expander = expander;
    }

    @Operation(name = "$expand", type = ValueSet.class, idempotent = true)
    public ValueSet expand(@OperationParam(name = "url") UriType url,
                           @OperationParam(name = "valueSet") ValueSet valueSet,
                           @OperationParam(name = "valueSetVersion") StringType valueSetVersion,
                           @OperationParam(name = "filter") StringType filter,
                           @OperationParam(name = "offset") IntegerType offset,
                           @OperationParam(name = "count") IntegerType count,
                           @OperationParam(name = "activeOnly") BooleanType activeOnly,
                           @OperationParam(name = "excludeNotForUI") BooleanType excludeNotForUi,
                           @OperationParam(name = "includeDesignations") BooleanType includeDesignations,
                           @OperationParam(name = "displayLanguage") CodeType displayLanguage) {
        ValueSet vs = valueSetOf(valueSet, url, valueSetVersion, "ValueSet/$expand");
        return expand(vs, filter, offset, count, activeOnly, excludeNotForUi, includeDesignations);
    }

    @Operation(name = "$expand", type = ValueSet.class, idempotent = true)
    public ValueSet expand(@IdParam IdType id,
                           @OperationParam(name = "filter") StringType filter,
                           @OperationParam(name = "offset") IntegerType offset,
                           @OperationParam(name = "count") IntegerType count,
                           @OperationParam(name = "activeOnly") BooleanType activeOnly,
                           @OperationParam(name = "excludeNotForUI") BooleanType excludeNotForUi,
                           @OperationParam(name = "includeDesignations") BooleanType includeDesignations,
                           @OperationParam(name = "displayLanguage") CodeType displayLanguage) {
        return expand(resolver.byId(id.getIdPart()), filter, offset, count, activeOnly, excludeNotForUi,
                includeDesignations);
    }

    private ValueSet expand(ValueSet vs, StringType filter, IntegerType offsetParam, IntegerType countParam,
                            BooleanType activeOnly, BooleanType excludeNotForUi, BooleanType includeDesignations) {
        int offset = offsetParam == null || offsetParam.getValue() == null ? 0 : offsetParam.getValue();
        if (offset < 0) {
            throw FhirError.badRequest("VNEMR-2003", "offset", offset);
        }
        Integer requested = countParam == null ? null : countParam.getValue();
        if (requested != null && requested < 0) {
            throw FhirError.badRequest("VNEMR-2003", "count", requested);
        }
        int count = requested == null ? MAX_COUNT : Math.min(requested, MAX_COUNT);
        String text = filter == null ? null : filter.getValue();
        ValueSetExpander.Page page = expander.expand(vs, text, flag(activeOnly), flag(excludeNotForUi), offset,
                count);
        if (requested == null && offset == 0 && page.total() > MAX_COUNT) {
            throw FhirError.unprocessable("VNEMR-2007", vs.getUrl(), page.total(), MAX_COUNT);
        }
        ValueSet out = new ValueSet();
        out.setId(vs.getIdElement().getIdPart());
        out.setUrl(vs.getUrl());
        out.setVersion(vs.getVersion());
        out.setName(vs.getName());
        out.setTitle(vs.getTitle());
        out.setStatus(vs.getStatus());
        ValueSet.ValueSetExpansionComponent expansion = out.getExpansion();
        expansion.setIdentifier("urn:uuid:" + UUID.randomUUID());
        expansion.setTimestamp(new Date());
        expansion.setTotal(page.total());
        expansion.setOffset(offset);
        if (text != null) {
            expansion.addParameter().setName("filter").setValue(new StringType(text));
        }
        expansion.addParameter().setName("offset").setValue(new IntegerType(offset));
        expansion.addParameter().setName("count").setValue(new IntegerType(count));
        boolean designations = flag(includeDesignations);
        for (Member m : page.members()) {
            ValueSet.ValueSetExpansionContainsComponent c = expansion.addContains()
                    .setSystem(m.system()).setCode(m.code()).setDisplay(m.display());
            if (m.version() != null) {
                c.setVersion(m.version());
            }
            IndexedConcept concept = m.concept();
            if (concept != null) {
                if (!concept.selectable()) {
                    c.setAbstract(true);
                }
                if (!concept.active()) {
                    c.setInactive(true);
                }
                if (designations) {
                    for (Designation d : concept.designations()) {
                        c.addDesignation().setLanguage(d.language()).setValue(d.value());
                    }
                }
            }
        }
        return out;
    }

    /** The value set a type-level operation works on: posted in {@code valueSet}, or named by {@code url}. */
    private ValueSet valueSetOf(ValueSet posted, UriType url, StringType version, String operation) {
        if (posted != null) {
            return posted;
        }
        if (url != null && url.hasValue()) {
            return resolver.byUrl(url.getValue(), version == null ? null : version.getValue());
        }
        throw FhirError.badRequest("VNEMR-2002", "url", operation);
    }

    private static boolean flag(BooleanType value) {
        return value != null && Boolean.TRUE.equals(value.getValue());
    }

    @Operation(name = "$validate-code", type = ValueSet.class, idempotent = true)
    public Parameters validateCode(@OperationParam(name = "url") UriType url,
                                   @OperationParam(name = "valueSet") ValueSet valueSet,
                                   @OperationParam(name = "valueSetVersion") StringType valueSetVersion,
                                   @OperationParam(name = "code") CodeType code,
                                   @OperationParam(name = "system") UriType system,
                                   @OperationParam(name = "systemVersion") StringType systemVersion,
                                   @OperationParam(name = "display") StringType display,
                                   @OperationParam(name = "coding") Coding coding,
                                   @OperationParam(name = "codeableConcept") CodeableConcept codeableConcept) {
        ValueSet vs = valueSetOf(valueSet, url, valueSetVersion, "ValueSet/$validate-code");
        return validate(vs, code, system, display, coding, codeableConcept);
    }

    @Operation(name = "$validate-code", type = ValueSet.class, idempotent = true)
    public Parameters validateCode(@IdParam IdType id,
                                   @OperationParam(name = "code") CodeType code,
                                   @OperationParam(name = "system") UriType system,
                                   @OperationParam(name = "systemVersion") StringType systemVersion,
                                   @OperationParam(name = "display") StringType display,
                                   @OperationParam(name = "coding") Coding coding,
                                   @OperationParam(name = "codeableConcept") CodeableConcept codeableConcept) {
        return validate(resolver.byId(id.getIdPart()), code, system, display, coding, codeableConcept);
    }

    private Parameters validate(ValueSet vs, CodeType code, UriType system, StringType display, Coding coding,
                                CodeableConcept codeableConcept) {
        String defaultSystem = system != null && system.hasValue() ? system.getValue() : onlySystem(vs);
        List<Coding> candidates = Coded.candidates(defaultSystem, code, coding, codeableConcept,
                "ValueSet/$validate-code");
        String message = null;
        for (Coding candidate : candidates) {
            if (!candidate.hasSystem()) {
                throw FhirError.badRequest("VNEMR-2002", "system", "ValueSet/$validate-code");
            }
            if (!expander.contains(vs, candidate.getSystem(), candidate.getCode(), 0)) {
                message = Messages.vi("VNEMR-2014", candidate.getCode(), candidate.getSystem(), vs.getUrl());
                continue;
            }
            IndexedConcept c = index.system(candidate.getSystem()).flatMap(cs -> cs.find(candidate.getCode()))
                    .orElse(null);
            if (c == null) { // a listed code of a code system not loaded here
                Parameters out = new Parameters();
                out.addParameter("result", new BooleanType(true));
                return out;
            }
            return Results.validation(c, display != null ? display.getValue() : candidate.getDisplay());
        }
        return Results.invalid(message);
    }

    /** The system when the value set includes exactly one, so a bare {@code code} can be checked. */
    private static String onlySystem(ValueSet vs) {
        Set<String> systems = vs.getCompose().getInclude().stream().filter(ValueSet.ConceptSetComponent::hasSystem)
                .map(ValueSet.ConceptSetComponent::getSystem).collect(Collectors.toSet());
        return systems.size() == 1 ? systems.iterator().next() : null;
    }
}

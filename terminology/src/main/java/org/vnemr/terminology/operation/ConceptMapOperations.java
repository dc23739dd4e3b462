package org.vnemr.terminology.operation;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.terminology.conceptmap.ConceptMapTranslator;

import java.util.ArrayList;
import java.util.List;

/** {@code ConceptMap/$translate}, type and instance level. */
public final class ConceptMapOperations {

    private final ConceptMapTranslator translator;

    public ConceptMapOperations(ConceptMapTranslator translator) {
        this.translator = translator;
    }

    @Operation(name = "$translate", type = ConceptMap.class, idempotent = true)
    public Parameters translate(@OperationParam(name = "url") UriType url,
                                @OperationParam(name = "conceptMap") ConceptMap conceptMap,
                                @OperationParam(name = "conceptMapVersion") StringType conceptMapVersion,
                                @OperationParam(name = "code") CodeType code,
                                @OperationParam(name = "system") UriType system,
                                @OperationParam(name = "version") StringType version,
                                @OperationParam(name = "source") UriType source,
                                @OperationParam(name = "coding") Coding coding,
                                @OperationParam(name = "codeableConcept") CodeableConcept codeableConcept,
                                @OperationParam(name = "target") UriType target,
                                @OperationParam(name = "targetsystem") UriType targetSystem,
                                @OperationParam(name = "reverse") BooleanType reverse) {
        return translate(conceptMap, url == null ? null : url.getValue(), null, code, system, coding,
                codeableConcept, targetSystem, reverse);
    }

    @Operation(name = "$translate", type = ConceptMap.class, idempotent = true)
    public Parameters translate(@IdParam IdType id,
                                @OperationParam(name = "code") CodeType code,
                                @OperationParam(name = "system") UriType system,
                                @OperationParam(name = "version") StringType version,
                                @OperationParam(name = "coding") Coding coding,
                                @OperationParam(name = "codeableConcept") CodeableConcept codeableConcept,
                                @OperationParam(name = "targetsystem") UriType targetSystem,
                                @OperationParam(name = "reverse") BooleanType reverse) {
        return translate(null, null, id.getIdPart(), code, system, coding, codeableConcept, targetSystem, reverse);
    }

    private Parameters translate(ConceptMap inline, String url, String id, CodeType code, UriType system,
                                 Coding coding, CodeableConcept codeableConcept, UriType targetSystem,
                                 BooleanType reverse) {
        List<Coding> codings = new ArrayList<>();
        if (code != null && code.hasValue()) {
            if (system == null || !system.hasValue()) {
                throw FhirError.badRequest("VNEMR-2002", "system", "ConceptMap/$translate");
            }
            codings.add(new Coding(system.getValue(), code.getValue(), null));
        }
        if (coding != null && coding.hasCode()) {
            codings.add(coding);
        }
        if (codeableConcept != null) {
            codings.addAll(codeableConcept.getCoding());
        }
        if (codings.isEmpty()) {
            throw FhirError.badRequest("VNEMR-2002", "code", "ConceptMap/$translate");
        }
        boolean backwards = reverse != null && Boolean.TRUE.equals(reverse.getValue());
        List<ConceptMapTranslator.Match> matches = new ArrayList<>();
        for (Coding c : codings) {
            if (!c.hasSystem()) {
                throw FhirError.badRequest("VNEMR-2002", "system", "ConceptMap/$translate");
            }
            matches.addAll(translator.translate(new ConceptMapTranslator.Request(inline, url, id, c.getSystem(),
                    c.getCode(), targetSystem == null ? null : targetSystem.getValue(), backwards)));
        }
        Parameters out = new Parameters();
        boolean result = matches.stream().anyMatch(m -> !"unmatched".equals(m.equivalence())
                && !"disjoint".equals(m.equivalence()));
        out.addParameter("result", new BooleanType(result));
        if (!result) {
            out.addParameter("message", new StringType(org.vnemr.fhir.error.Messages.vi("VNEMR-2015",
                    codings.get(0).getSystem(), codings.get(0).getCode())));
        }
        for (ConceptMapTranslator.Match m : matches) {
            Parameters.ParametersParameterComponent p = out.addParameter().setName("match");
            p.addPart().setName("equivalence").setValue(new CodeType(m.equivalence()));
            p.addPart().setName("concept").setValue(m.concept());
            if (m.source() != null) {
                p.addPart().setName("source").setValue(new UriType(m.source()));
            }
        }
        return out;
    }
}

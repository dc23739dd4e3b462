package org.vnemr.terminology.operation;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.hl7.fhir.r4.model.UriType;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.fhir.error.Messages;
import org.vnemr.terminology.codesystem.CodeSystemIndex;
import org.vnemr.terminology.codesystem.Designation;
import org.vnemr.terminology.codesystem.IndexedConcept;
import org.vnemr.terminology.codesystem.PropertyDefinition;
import org.vnemr.terminology.codesystem.TerminologyIndex;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code CodeSystem/$lookup}, {@code $validate-code} and {@code $subsumes} over the in-memory index (GET or POST
 * with Parameters; type level, and instance level where FHIR defines it).
 */
public final class CodeSystemOperations {

    private final TerminologyIndex index;

    public CodeSystemOperations(TerminologyIndex index) {
        this.index = index;
    }

    @Operation(name = "$lookup", type = CodeSystem.class, idempotent = true)
    public Parameters lookup(@OperationParam(name = "code") CodeType code,
                             @OperationParam(name = "system") UriType system,
                             @OperationParam(name = "version") StringType version,
                             @OperationParam(name = "coding") Coding coding,
                             @OperationParam(name = "date") StringType date,
                             @OperationParam(name = "displayLanguage") CodeType displayLanguage,
                             @OperationParam(name = "property", max = OperationParam.MAX_UNLIMITED)
                             List<CodeType> properties) {
        Coded coded = Coded.of(system, code, coding, "$lookup");
        CodeSystemIndex cs = system(coded.system());
        IndexedConcept c = cs.find(coded.code())
                .orElseThrow(() -> FhirError.notFound("VNEMR-2005", coded.code(), cs.url()));
        Set<String> wanted = properties == null || properties.isEmpty() ? null
                : properties.stream().map(CodeType::getValue).collect(Collectors.toSet());
        Parameters out = new Parameters();
        out.addParameter("name", new StringType(cs.name() != null ? cs.name() : cs.url()));
        if (cs.version() != null) {
            out.addParameter("version", new StringType(cs.version()));
        }
        out.addParameter("display", new StringType(c.display()));
        if (!c.code().equals(coded.code())) {
            out.addParameter("code", new CodeType(c.code())); // found by the form without dots
        }
        for (Designation d : c.designations()) {
            Parameters.ParametersParameterComponent p = out.addParameter().setName("designation");
            if (d.language() != null) {
                p.addPart().setName("language").setValue(new CodeType(d.language()));
            }
            if (d.use() != null) {
                p.addPart().setName("use").setValue(new Coding().setCode(d.use()));
            }
            p.addPart().setName("value").setValue(new StringType(d.value()));
        }
        for (String parent : c.parents()) {
            property(out, wanted, "parent", new CodeType(parent), cs.find(parent).map(IndexedConcept::display)
                    .orElse(null));
        }
        for (String child : cs.children(c.code())) {
            property(out, wanted, "child", new CodeType(child), cs.find(child).map(IndexedConcept::display)
                    .orElse(null));
        }
        for (Map.Entry<String, List<String>> e : c.properties().entrySet()) {
            PropertyDefinition def = cs.propertyDefinitions().get(e.getKey());
            for (String value : e.getValue()) {
                property(out, wanted, e.getKey(), typed(def == null ? "string" : def.type(), value), null);
            }
        }
        if (!c.active()) {
            property(out, wanted, "inactive", new BooleanType(true), null);
        }
        return out;
    }

    private static void property(Parameters out, Set<String> wanted, String code, Type value, String description) {
        if (wanted != null && !wanted.contains(code)) {
            return;
        }
        Parameters.ParametersParameterComponent p = out.addParameter().setName("property");
        p.addPart().setName("code").setValue(new CodeType(code));
        p.addPart().setName("value").setValue(value);
        if (description != null) {
            p.addPart().setName("description").setValue(new StringType(description));
        }
    }

    private static Type typed(String type, String value) {
        switch (type) {
            case "boolean":
                return new BooleanType(Boolean.parseBoolean(value));
            case "integer":
                return new IntegerType(Integer.parseInt(value));
            case "decimal":
                return new DecimalType(value);
            case "code":
                return new CodeType(value);
            case "Coding":
                return new Coding().setCode(value);
            default:
                return new StringType(value);
        }
    }

    @Operation(name = "$validate-code", type = CodeSystem.class, idempotent = true)
    public Parameters validateCode(@OperationParam(name = "url") UriType url,
                                   @OperationParam(name = "code") CodeType code,
                                   @OperationParam(name = "version") StringType version,
                                   @OperationParam(name = "display") StringType display,
                                   @OperationParam(name = "coding") Coding coding,
                                   @OperationParam(name = "codeableConcept") CodeableConcept codeableConcept) {
        if (url == null && coding == null && codeableConcept == null) {
            throw FhirError.badRequest("VNEMR-2002", "url", "CodeSystem/$validate-code");
        }
        return validate(url == null ? null : url.getValue(), code, display, coding, codeableConcept);
    }

    @Operation(name = "$validate-code", type = CodeSystem.class, idempotent = true)
    public Parameters validateCode(@IdParam IdType id,
                                   @OperationParam(name = "code") CodeType code,
                                   @OperationParam(name = "version") StringType version,
                                   @OperationParam(name = "display") StringType display,
                                   @OperationParam(name = "coding") Coding coding,
                                   @OperationParam(name = "codeableConcept") CodeableConcept codeableConcept) {
        return validate(byId(id).url(), code, display, coding, codeableConcept);
    }

    private Parameters validate(String url, CodeType code, StringType display, Coding coding,
                                CodeableConcept codeableConcept) {
        List<Coding> candidates = Coded.candidates(url, code, coding, codeableConcept, "CodeSystem/$validate-code");
        String message = null;
        for (Coding candidate : candidates) {
            String system = candidate.getSystem() != null ? candidate.getSystem() : url;
            if (url != null && !index.canonical(url).equals(index.canonical(system))) {
                continue;
            }
            CodeSystemIndex cs = system(system);
            IndexedConcept c = cs.find(candidate.getCode()).orElse(null);
            if (c == null) {
                message = Messages.vi("VNEMR-2005", candidate.getCode(), cs.url());
                continue;
            }
            String wantedDisplay = display != null ? display.getValue() : candidate.getDisplay();
            return Results.validation(c, wantedDisplay);
        }
        return Results.invalid(message != null ? message : Messages.vi("VNEMR-2005",
                candidates.isEmpty() ? "" : candidates.get(0).getCode(), url));
    }

    @Operation(name = "$subsumes", type = CodeSystem.class, idempotent = true)
    public Parameters subsumes(@OperationParam(name = "codeA") CodeType codeA,
                               @OperationParam(name = "codeB") CodeType codeB,
                               @OperationParam(name = "system") UriType system,
                               @OperationParam(name = "version") StringType version,
                               @OperationParam(name = "codingA") Coding codingA,
                               @OperationParam(name = "codingB") Coding codingB) {
        return subsumes(system == null ? null : system.getValue(), codeA, codeB, codingA, codingB);
    }

    @Operation(name = "$subsumes", type = CodeSystem.class, idempotent = true)
    public Parameters subsumes(@IdParam IdType id,
                               @OperationParam(name = "codeA") CodeType codeA,
                               @OperationParam(name = "codeB") CodeType codeB,
                               @OperationParam(name = "version") StringType version,
                               @OperationParam(name = "codingA") Coding codingA,
                               @OperationParam(name = "codingB") Coding codingB) {
        return subsumes(byId(id).url(), codeA, codeB, codingA, codingB);
    }

    private Parameters subsumes(String system, CodeType codeA, CodeType codeB, Coding codingA, Coding codingB) {
        Coded a = Coded.of(system == null ? null : new UriType(system), codeA, codingA, "$subsumes", "codeA");
        Coded b = Coded.of(system == null ? null : new UriType(system), codeB, codingB, "$subsumes", "codeB");
        if (!index.canonical(a.system()).equals(index.canonical(b.system()))) {
            throw FhirError.badRequest("VNEMR-2009", a.system(), b.system());
        }
        CodeSystemIndex cs = system(a.system());
        IndexedConcept ca = cs.find(a.code()).orElseThrow(() -> FhirError.notFound("VNEMR-2005", a.code(), cs.url()));
        IndexedConcept cb = cs.find(b.code()).orElseThrow(() -> FhirError.notFound("VNEMR-2005", b.code(), cs.url()));
        String outcome;
        if (ca.code().equals(cb.code())) {
            outcome = "equivalent";
        } else if (cs.isA(cb.code(), ca.code())) {
            outcome = "subsumes";
        } else if (cs.isA(ca.code(), cb.code())) {
            outcome = "subsumed-by";
        } else {
            outcome = "not-subsumed";
        }
        Parameters out = new Parameters();
        out.addParameter("outcome", new CodeType(outcome));
        return out;
    }

    private CodeSystemIndex system(String url) {
        return index.system(url).orElseThrow(() -> FhirError.notFound("VNEMR-2000", url));
    }

    private CodeSystemIndex byId(IdType id) {
        String wanted = id.getIdPart();
        return index.all().stream().filter(cs -> wanted.equals(cs.resourceId())).findFirst()
                .orElseThrow(() -> FhirError.notFound("VNEMR-2000", "CodeSystem/" + wanted));
    }
}

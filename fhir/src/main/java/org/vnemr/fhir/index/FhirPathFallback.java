package org.vnemr.fhir.index;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Base;

import java.math.BigDecimal;
import java.util.List;

/**
 * Evaluates the few search-parameter expressions {@link PathCompiler} cannot compile with HAPI's FHIRPath
 * engine, and hands the results to the same {@link ValueSink}s as JSON, so both paths index alike.
 */
final class FhirPathFallback {

    private final FhirContext fhirContext;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ThreadLocal<IFhirPath> engines;

    FhirPathFallback(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
        this.engines = ThreadLocal.withInitial(fhirContext::newFhirPath);
    }

    /** Pre-parses {@code expression}; throws when HAPI cannot parse it either. */
    IFhirPath.IParsedExpression parse(String expression) {
        try {
            return engines.get().parse(expression);
        } catch (Exception e) {
            throw new IllegalArgumentException("FHIRPath expression not understood: " + expression, e);
        }
    }

    /** The resource parsed by HAPI (done at most once per indexed resource, and only when needed). */
    IBaseResource parseResource(JsonNode resource) {
        IParser parser = fhirContext.newJsonParser();
        return parser.parseResource(resource.toString());
    }

    void evaluate(IBaseResource resource, IFhirPath.IParsedExpression expression, ValueSink sink) {
        List<IBase> results = engines.get().evaluate(resource, expression, IBase.class);
        for (IBase result : results) {
            JsonNode node = toJson(result);
            if (node != null) {
                sink.accept(node, fhirType(result));
            }
        }
    }

    static String fhirType(IBase element) {
        if (element instanceof Base base) {
            return base.fhirType();
        }
        if (element instanceof IBaseResource resource) {
            return resource.fhirType();
        }
        return element.getClass().getSimpleName();
    }

    /** An element in FHIR JSON; a resource becomes just its type and id (for reference parameters). */
    JsonNode toJson(IBase element) {
        if (element instanceof IPrimitiveType<?> primitive) {
            String value = primitive.getValueAsString();
            if (value == null) {
                return null;
            }
            Object raw = primitive.getValue();
            if (raw instanceof Boolean b) {
                return BooleanNode.valueOf(b);
            }
            if (raw instanceof BigDecimal || raw instanceof Integer) {
                return DecimalNode.valueOf(new BigDecimal(value));
            }
            return TextNode.valueOf(value);
        }
        if (element instanceof IBaseResource resource) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("resourceType", resource.fhirType());
            if (resource.getIdElement() != null && resource.getIdElement().getIdPart() != null) {
                node.put("id", resource.getIdElement().getIdPart());
            }
            return node;
        }
        try {
            return mapper.readTree(fhirContext.newJsonParser().encodeToString(element));
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}

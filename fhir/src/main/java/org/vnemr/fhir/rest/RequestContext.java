package org.vnemr.fhir.rest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.InstantType;
import org.vnemr.fhir.error.FhirError;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.store.WriteOptions;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every handler needs from a request: the body as a JSON tree (XML is parsed strictly by HAPI and
 * turned into JSON), the write switches, the server base and the search parameters.
 *
 * <p>Switches: referential integrity is on unless the server is configured with
 * {@code vnemr.fhir.referential-integrity=false} or the request carries
 * {@code X-Vnemr-Referential-Integrity: off} (imports of incomplete data sets). Strict validation (HAPI's
 * full instance validator on every write) is on with {@code vnemr.fhir.validation.strict=true} or the header
 * {@code X-Vnemr-Validation: strict}.
 */
public class RequestContext {

    public static final String HEADER_INTEGRITY = "X-Vnemr-Referential-Integrity";
    public static final String HEADER_VALIDATION = "X-Vnemr-Validation";
    private static final Set<String> RESULT_PARAMS = Set.of("_format", "_pretty", "_summary", "_elements");

    private final FhirContext fhirContext;
    private final boolean integrityByDefault;
    private final boolean strictByDefault;

    public RequestContext(FhirContext fhirContext, boolean integrityByDefault, boolean strictByDefault) {
        this.fhirContext = fhirContext;
        this.integrityByDefault = integrityByDefault;
        this.strictByDefault = strictByDefault;
    }

    public WriteOptions options(RequestDetails request) {
        String integrity = request.getHeader(HEADER_INTEGRITY);
        String validation = request.getHeader(HEADER_VALIDATION);
        boolean checkReferences = integrity == null ? integrityByDefault
                : !(integrity.equalsIgnoreCase("off") || integrity.equalsIgnoreCase("false")
                || integrity.equalsIgnoreCase("relaxed"));
        boolean strict = validation == null ? strictByDefault : validation.equalsIgnoreCase("strict");
        return new WriteOptions(checkReferences, strict);
    }

    /** The body as a JSON object; XML goes through HAPI's parser with strict error handling. */
    public ObjectNode body(byte[] body, EncodingEnum encoding) {
        if (body == null || body.length == 0) {
            throw FhirError.badRequest("VNEMR-1026");
        }
        if (encoding == EncodingEnum.XML) {
            return FhirJson.parseResource(xmlToJson(new String(body, StandardCharsets.UTF_8)));
        }
        return FhirJson.parseResource(body);
    }

    public String xmlToJson(String xml) {
        try {
            IParser parser = fhirContext.newXmlParser().setParserErrorHandler(new StrictErrorHandler());
            IBaseResource resource = parser.parseResource(xml);
            return fhirContext.newJsonParser().encodeResourceToString(resource);
        } catch (DataFormatException e) {
            throw FhirError.badRequest("VNEMR-1005", e.getMessage());
        }
    }

    public String base(RequestDetails request) {
        return request.getFhirServerBase();
    }

    /** Query parameters that select resources (not those that shape the response). */
    public Map<String, List<String>> searchParams(RequestDetails request) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : request.getParameters().entrySet()) {
            // _summary=count changes what the search computes (only the total), so the engine must see it
            boolean summaryCount = e.getKey().equals("_summary") && Arrays.asList(e.getValue()).contains("count");
            if (!RESULT_PARAMS.contains(e.getKey()) || summaryCount) {
                params.put(e.getKey(), new ArrayList<>(Arrays.asList(e.getValue())));
            }
        }
        return params;
    }

    public Instant since(InstantType since) {
        return since == null || since.getValue() == null ? null : since.getValue().toInstant();
    }

    public Instant at(DateRangeParam at) {
        return at == null || at.getUpperBoundAsInstant() == null ? null : at.getUpperBoundAsInstant().toInstant();
    }

    public Integer offset(RequestDetails request) {
        String[] values = request.getParameters().get("_offset");
        if (values == null || values.length == 0) {
            return null;
        }
        try {
            return Integer.parseInt(values[0]);
        } catch (NumberFormatException e) {
            throw FhirError.badRequest("VNEMR-1028", values[0]);
        }
    }
}

package org.vnemr.fhir.rest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.vnemr.fhir.error.FhirError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.store.StoredResource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Answers JSON read, vread, type search and transaction requests straight from the stored JSON text, after
 * HAPI has routed the request but before it would parse and re-serialise resources (DESIGN.md §4: the hot
 * paths stream the stored JSON). Anything that needs HAPI's model — XML, {@code _summary},
 * {@code _elements}, {@code _pretty} — falls through to the providers, which give the same answers slower.
 * Errors are thrown as HAPI exceptions, so they leave as the same OperationOutcomes as everywhere else.
 */
@Interceptor
public class FastPathInterceptor {

    private static final String JSON_TYPE = "application/fhir+json;charset=utf-8";

    private final ReadService reads;
    private final BundleProcessor bundles;
    private final RequestContext context;
    private final FhirContext fhirContext;

    public FastPathInterceptor(ReadService reads, BundleProcessor bundles, RequestContext context,
                               FhirContext fhirContext) {
        this.reads = reads;
        this.bundles = bundles;
        this.context = context;
        this.fhirContext = fhirContext;
    }

    /** @return false when this interceptor wrote the response (HAPI then stops) */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean answer(RequestDetails request, HttpServletRequest servletRequest,
                          HttpServletResponse servletResponse) throws IOException {
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation == null || !wantsPlainJson(request)) {
            return true;
        }
        try {
            return handle(operation, request, servletRequest, servletResponse);
        } catch (BaseServerResponseException e) {
            // answered here rather than thrown: HAPI would log every 404/410 of the fast path as an error
            send(servletResponse, e.getStatusCode(), fhirContext.newJsonParser()
                    .encodeResourceToString(e.getOperationOutcome() != null ? e.getOperationOutcome()
                            : FhirError.build(e.getStatusCode(), "VNEMR-1030", e.getMessage()).getOperationOutcome()));
            return false;
        }
    }

    private boolean handle(RestOperationTypeEnum operation, RequestDetails request, HttpServletRequest servletRequest,
                           HttpServletResponse servletResponse) throws IOException {
        switch (operation) {
            case READ, VREAD -> {
                if (!"GET".equals(servletRequest.getMethod())) {
                    return true;
                }
                String type = request.getResourceName();
                String id = request.getId().getIdPart();
                StoredResource r = request.getId().hasVersionIdPart()
                        ? reads.vread(type, id, request.getId().getVersionIdPart()) : reads.read(type, id);
                servletResponse.setHeader("ETag", "W/\"" + r.versionId() + "\"");
                servletResponse.setHeader("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME
                        .format(r.lastUpdated().atOffset(ZoneOffset.UTC)));
                send(servletResponse, 200, r.json());
                return false;
            }
            case SEARCH_TYPE -> {
                if (!"GET".equals(servletRequest.getMethod())) {
                    return true;
                }
                send(servletResponse, 200, reads.search(request.getResourceName(), context.searchParams(request),
                        context.base(request), RequestHeaders.lenient(request.getHeader("Prefer"))));
                return false;
            }
            case TRANSACTION -> {
                if (RestfulServerUtils.determineRequestEncodingNoDefault(request) != EncodingEnum.JSON) {
                    return true;
                }
                String response = bundles.process(FhirJson.parseResource(request.loadRequestContents()),
                        context.base(request),
                        RequestHeaders.preferReturn(request.getHeader("Prefer"), BundleProcessor.Return.MINIMAL),
                        context.options(request));
                send(servletResponse, 200, response);
                return false;
            }
            default -> {
                return true;
            }
        }
    }

    /** JSON out (by _format or Accept, JSON being the default) and nothing that reshapes the resources. */
    private static boolean wantsPlainJson(RequestDetails request) {
        Map<String, String[]> params = request.getParameters();
        if (params.containsKey("_summary") || params.containsKey("_elements")) {
            return false;
        }
        String[] pretty = params.get("_pretty");
        if (pretty != null && pretty.length > 0 && "true".equals(pretty[0])) {
            return false;
        }
        var encoding = RestfulServerUtils.determineResponseEncodingNoDefault(request, EncodingEnum.JSON);
        return encoding == null || encoding.getEncoding() == EncodingEnum.JSON;
    }

    private static void send(HttpServletResponse response, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(JSON_TYPE);
        response.setContentLength(bytes.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(bytes);
        }
    }
}

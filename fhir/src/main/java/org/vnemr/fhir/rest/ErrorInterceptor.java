package org.vnemr.fhir.rest;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vnemr.fhir.error.FhirError;

import java.util.UUID;

/**
 * Every error leaves as a bilingual OperationOutcome with a {@code VNEMR-} code and never a stack trace:
 * our own errors pass unchanged; HAPI's (unknown type, bad {@code _format}, unparseable body …) get our code
 * with HAPI's text kept as detail; anything unexpected becomes VNEMR-1000 (500) with a reference id that is
 * also in the server log, next to the stack trace.
 */
@Interceptor
public class ErrorInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorInterceptor.class);
    private static final java.util.regex.Pattern UNKNOWN_TYPE =
            java.util.regex.Pattern.compile("Unknown resource type '([^']*)'");

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException translate(RequestDetails request, Throwable error) {
        if (error instanceof BaseServerResponseException known) {
            if (isOurs(known.getOperationOutcome())) {
                return known;
            }
            Throwable cause = known.getCause();
            if (cause instanceof DataFormatException || known.getMessage() != null
                    && known.getMessage().contains("Failed to parse request body")) {
                return FhirError.badRequest("VNEMR-1005", clean(known.getMessage()));
            }
            java.util.regex.Matcher unknownType = UNKNOWN_TYPE.matcher(String.valueOf(known.getMessage()));
            if (unknownType.find()) {
                return FhirError.notFound("VNEMR-1004", unknownType.group(1));
            }
            return switch (known.getStatusCode()) {
                case 404 -> FhirError.notFound("VNEMR-1031", clean(known.getMessage()));
                case 405 -> FhirError.build(405, "VNEMR-1031", clean(known.getMessage()));
                case 406, 415 -> FhirError.build(known.getStatusCode(), "VNEMR-1032", clean(known.getMessage()));
                case 409, 410, 412, 413, 422 -> FhirError.build(known.getStatusCode(), "VNEMR-1030",
                        clean(known.getMessage()));
                default -> known.getStatusCode() >= 500 ? internal(request, known)
                        : FhirError.build(known.getStatusCode(), "VNEMR-1030", clean(known.getMessage()));
            };
        }
        if (error instanceof DataFormatException) {
            return FhirError.badRequest("VNEMR-1005", clean(error.getMessage()));
        }
        return internal(request, error);
    }

    private static BaseServerResponseException internal(RequestDetails request, Throwable error) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("VNEMR-1000 [{}] {} {} failed", reference, request == null ? "" : request.getRequestType(),
                request == null ? "" : request.getCompleteUrl(), error);
        return FhirError.build(500, "VNEMR-1000", reference);
    }

    private static boolean isOurs(IBaseOperationOutcome outcome) {
        if (!(outcome instanceof OperationOutcome oo) || oo.getIssue().isEmpty()) {
            return false;
        }
        return oo.getIssueFirstRep().getDetails().getCoding().stream()
                .anyMatch(c -> FhirError.CODE_SYSTEM.equals(c.getSystem()));
    }

    /** HAPI prefixes its own message codes ({@code HAPI-0450: }); keep the readable part. */
    private static String clean(String message) {
        if (message == null) {
            return "";
        }
        return message.replaceAll("HAPI-\\d+: ", "");
    }
}

package org.vnemr.fhir.rest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.At;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.Since;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.InstantType;
import org.vnemr.fhir.store.FhirJson;

/**
 * System-level interactions: transaction/batch Bundles (JSON ones are answered by
 * {@link FastPathInterceptor} without HAPI parsing; XML ones come here) and the system history.
 */
public class SystemProvider {

    private final FhirContext fhirContext;
    private final BundleProcessor bundles;
    private final ReadService reads;
    private final RequestContext context;

    public SystemProvider(FhirContext fhirContext, BundleProcessor bundles, ReadService reads, RequestContext context) {
        this.fhirContext = fhirContext;
        this.bundles = bundles;
        this.reads = reads;
        this.context = context;
    }

    @Transaction
    public Bundle transaction(@TransactionParam Bundle bundle, RequestDetails request) {
        String json = fhirContext.newJsonParser().encodeResourceToString(bundle);
        String response = bundles.process(FhirJson.parseResource(json), context.base(request),
                RequestHeaders.preferReturn(request.getHeader("Prefer"), BundleProcessor.Return.MINIMAL),
                context.options(request));
        return (Bundle) fhirContext.newJsonParser().parseResource(response);
    }

    @History
    public Bundle systemHistory(@Since InstantType since, @At DateRangeParam at, @Count Integer count,
                                RequestDetails request) {
        return (Bundle) fhirContext.newJsonParser().parseResource(reads.history(null, null, context.since(since),
                context.at(at), count, context.offset(request), context.base(request)));
    }
}

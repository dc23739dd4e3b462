package org.vnemr.fhir.rest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;

import java.util.List;

/**
 * HAPI's plain {@link RestfulServer} at {@code /fhir}, over our own store: one generic provider per resource
 * type, the system provider, and the interceptors (fast path, errors, CapabilityStatement). No HAPI JPA.
 */
public class FhirRestServer extends RestfulServer {

    private final transient List<Object> providers;
    private final transient List<Object> interceptors;

    public FhirRestServer(FhirContext fhirContext, List<Object> providers, List<Object> interceptors) {
        super(fhirContext);
        this.providers = providers;
        this.interceptors = interceptors;
    }

    @Override
    protected void initialize() {
        setDefaultResponseEncoding(EncodingEnum.JSON);
        setDefaultPrettyPrint(false);
        setETagSupport(ca.uhn.fhir.rest.server.ETagSupportEnum.ENABLED);
        registerProviders(providers);
        interceptors.forEach(this::registerInterceptor);
    }
}

package org.vnemr.fhir.rest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;

import java.util.List;
import java.util.function.Supplier;

/**
 * HAPI's plain {@link RestfulServer} at {@code /fhir}, over our own store: one generic provider per resource
 * type, the system provider, and the interceptors (fast path, errors, CapabilityStatement). No HAPI JPA.
 */
public class FhirRestServer extends RestfulServer {

    private final transient Supplier<Parts> parts;

    /** What the server serves with: resolved when the servlet starts, after the application's start-up work. */
    public record Parts(List<Object> providers, List<Object> interceptors) {
    }

    /**
     * @param parts supplies the providers and interceptors when the servlet initialises — not when the web
     *              server is created, so that the slow parts of the start-up can run in parallel meanwhile
     */
    public FhirRestServer(FhirContext fhirContext, Supplier<Parts> parts) {
        super(fhirContext);
        this.parts = parts;
    }

    @Override
    protected void initialize() {
        setDefaultResponseEncoding(EncodingEnum.JSON);
        setDefaultPrettyPrint(false);
        setETagSupport(ca.uhn.fhir.rest.server.ETagSupportEnum.ENABLED);
        Parts resolved = parts.get();
        registerProviders(resolved.providers());
        resolved.interceptors().forEach(this::registerInterceptor);
    }
}

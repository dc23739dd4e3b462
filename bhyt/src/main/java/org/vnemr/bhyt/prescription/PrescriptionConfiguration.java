package org.vnemr.bhyt.prescription;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.vnemr.fhir.search.SearchService;
import org.vnemr.fhir.store.ResourceStore;
import org.vnemr.platform.outbox.Outbox;
import org.vnemr.signing.keys.SignerRegistry;

import java.net.URI;
import java.time.Clock;

/**
 * The national e-prescription link, on with {@code vnemr.prescription.national.enabled=true}: the system's URL
 * ({@code vnemr.prescription.national.url}, default {@value #PRODUCTION}), the facility's connection code and
 * password (from the environment or a secrets file), and the facility key that signs each prescription.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "vnemr.prescription.national.enabled", havingValue = "true")
public class PrescriptionConfiguration {

    static final String PRODUCTION = "https://api.donthuocquocgia.vn";

    @Bean
    public NationalPrescriptionSystem nationalPrescriptionSystem(Environment env) {
        String code = env.getProperty("vnemr.prescription.national.connection-code", "");
        String password = env.getProperty("vnemr.prescription.national.password", "");
        if (code.isBlank() || password.isBlank()) {
            throw new IllegalStateException("VNEMR-7514: vnemr.prescription.national.enabled=true needs"
                    + " vnemr.prescription.national.connection-code and .password");
        }
        return new DonThuocQuocGiaClient(URI.create(env.getProperty("vnemr.prescription.national.url", PRODUCTION)),
                code, password);
    }

    @Bean
    public PrescriptionTriggers prescriptionTriggers(Outbox outbox) {
        return new PrescriptionTriggers(outbox);
    }

    @Bean
    public PrescriptionDelivery prescriptionDelivery(ResourceStore store, SearchService search,
                                                     NationalPrescriptionSystem system, SignerRegistry signers) {
        return new PrescriptionDelivery(store, search, system, signers::facility, Clock.systemUTC());
    }

    @Bean
    public PrescriptionStatus prescriptionStatus(Outbox outbox) {
        return new PrescriptionStatus(outbox);
    }
}

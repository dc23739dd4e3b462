package org.vnemr.bhyt.gateway;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.vnemr.platform.outbox.Outbox;
import org.vnemr.platform.outbox.OutboxHandler;

import java.time.Clock;

/**
 * The BHXH gateway link, on with {@code vnemr.bhyt.gateway.enabled=true} and the facility's gateway account
 * ({@link GatewaySettings}). Off, nothing is queued and nothing is sent.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "vnemr.bhyt.gateway.enabled", havingValue = "true")
public class GatewayConfiguration {

    @Bean
    public InsuranceGateway insuranceGateway(Environment env) {
        GatewaySettings settings = GatewaySettings.from(env);
        if (!settings.configured()) {
            throw new IllegalStateException("VNEMR-7504: vnemr.bhyt.gateway.enabled=true needs"
                    + " vnemr.bhyt.gateway.username, .password and the facility code (vnemr.facility.code)");
        }
        return new BhxhGatewayClient(settings, Clock.systemUTC());
    }

    @Bean
    public ClaimTriggers claimTriggers(Outbox outbox) {
        return new ClaimTriggers(outbox);
    }

    @Bean
    public OutboxHandler bhytCheckInDelivery(InsuranceGateway gateway, ObjectProvider<ClaimDocuments> documents) {
        return GatewayDelivery.checkIn(gateway, required(documents));
    }

    @Bean
    public OutboxHandler bhytDossierDelivery(InsuranceGateway gateway, ObjectProvider<ClaimDocuments> documents) {
        return GatewayDelivery.dossier(gateway, required(documents));
    }

    @Bean
    public OutboxHandler bhytPaperDelivery(InsuranceGateway gateway, ObjectProvider<ClaimDocuments> documents) {
        return GatewayDelivery.paper(gateway, required(documents));
    }

    /** Resolved at delivery time, so the XML package may be wired after this configuration. */
    private static ClaimDocuments required(ObjectProvider<ClaimDocuments> documents) {
        return new ClaimDocuments() {
            @Override
            public java.util.Optional<byte[]> signedCheckIn(String encounterId) {
                return documents.getObject().signedCheckIn(encounterId);
            }

            @Override
            public byte[] signedDossier(String encounterId) {
                return documents.getObject().signedDossier(encounterId);
            }

            @Override
            public byte[] signedPaper(String compositionId) {
                return documents.getObject().signedPaper(compositionId);
            }
        };
    }
}

package org.vnemr.emr.charges;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.terminology.catalogue.CataloguePrices;

import java.time.Clock;

/**
 * Charges are priced from the catalogues: without the catalogue module in the application (some tests) there is
 * no {@link ChargeCapture} at all, and screens that bill simply store their orders without charges.
 */
@Configuration(proxyBeanMethods = false)
public class ChargesConfiguration {

    @Bean
    public ChargeCapture chargeCapture(ObjectProvider<CataloguePrices> prices, ClinicalStore store) {
        CataloguePrices available = prices.getIfAvailable();
        return available == null ? null : new CatalogueChargeCapture(available, store, Clock.systemUTC());
    }

    @Bean
    public BedDays bedDays(ClinicalStore store) {
        return new BedDays(store);
    }
}

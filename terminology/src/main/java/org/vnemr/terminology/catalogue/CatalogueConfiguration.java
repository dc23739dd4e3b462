package org.vnemr.terminology.catalogue;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.vnemr.fhir.rest.FhirRestExtension;
import org.vnemr.fhir.store.ResourceStore;
import org.vnemr.fhir.store.WriteService;

import java.time.Clock;
import java.util.List;

/**
 * The national catalogues with prices: import, preview, activation, price of the day, and their FHIR operations
 * on {@code /fhir/CodeSystem/$catalogue-*}. Needs the FHIR engine ({@code FhirConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class CatalogueConfiguration {

    @Bean
    CatalogueStore catalogueStore(JdbcTemplate jdbc) {
        return new CatalogueStore(jdbc);
    }

    @Bean
    public Catalogues catalogues(CatalogueStore store, WriteService writes, ResourceStore resources,
                                 TransactionTemplate transactions) {
        return new Catalogues(store, writes, resources, transactions, Clock.systemUTC());
    }

    @Bean
    public CataloguePrices cataloguePrices(CatalogueStore store) {
        return new CataloguePrices(store);
    }

    @Bean
    public FhirRestExtension catalogueRestExtension(Catalogues catalogues, CataloguePrices prices) {
        CatalogueOperations operations = new CatalogueOperations(catalogues, prices);
        return new FhirRestExtension() {
            @Override
            public List<Object> providers() {
                return List.of(operations);
            }
        };
    }
}

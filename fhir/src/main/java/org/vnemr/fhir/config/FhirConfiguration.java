package org.vnemr.fhir.config;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.vnemr.fhir.bulk.BulkExportController;
import org.vnemr.fhir.bulk.BulkExportProvider;
import org.vnemr.fhir.bulk.BulkExportService;
import org.vnemr.fhir.bulk.BulkImporter;
import org.vnemr.fhir.index.JsonResourceIndexer;
import org.vnemr.fhir.index.ResourceIndexer;
import org.vnemr.fhir.rest.BundleProcessor;
import org.vnemr.fhir.rest.CapabilityStatementCustomizer;
import org.vnemr.fhir.rest.ErrorInterceptor;
import org.vnemr.fhir.rest.FastPathInterceptor;
import org.vnemr.fhir.rest.FhirRestExtension;
import org.vnemr.fhir.rest.FhirRestServer;
import org.vnemr.fhir.validation.FastStructureValidator;
import org.vnemr.fhir.validation.InstanceValidation;
import org.vnemr.fhir.validation.InstanceValidator;
import org.vnemr.fhir.search.SearchService;
import org.vnemr.fhir.store.FhirJson;
import javax.sql.DataSource;
import org.vnemr.fhir.rest.ReadService;
import org.vnemr.fhir.rest.RequestContext;
import org.vnemr.fhir.rest.RequestLimitFilter;
import org.vnemr.fhir.rest.ResourceTypeProvider;
import org.vnemr.fhir.rest.SystemProvider;
import org.vnemr.fhir.schema.SearchParamCatalog;
import org.vnemr.fhir.store.ConditionalMatcher;
import org.vnemr.fhir.store.ResourceStore;
import org.vnemr.fhir.store.WriteGuard;
import org.vnemr.fhir.store.WriteListener;
import org.vnemr.fhir.store.WriteService;
import org.vnemr.fhir.validation.FastStructureValidator;
import org.vnemr.fhir.validation.InstanceValidation;
import org.vnemr.fhir.validation.InstanceValidator;
import org.vnemr.fhir.search.SearchService;
import javax.sql.DataSource;
import org.vnemr.fhir.validation.ProfileValidator;
import org.vnemr.fhir.validation.StructureValidator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Wires the FHIR store and its REST face at {@code /fhir}. Needs a DataSource (the app provides it). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FhirProperties.class)
public class FhirConfiguration {

    /** Starts building the slow parts at once; the web server asks for the FhirContext first, early. */
    @Bean
    public FhirEngineStartup fhirEngineStartup() {
        return new FhirEngineStartup(FhirContext.forR4Cached());
    }

    @Bean
    public FhirContext fhirContext(FhirEngineStartup startup) {
        return startup.fhirContext();
    }

    @Bean
    public SearchParamCatalog searchParamCatalog(FhirEngineStartup startup) {
        return startup.catalog();
    }

    @Bean
    public ResourceStore resourceStore(JdbcTemplate jdbc, SearchParamCatalog catalog) {
        return new ResourceStore(jdbc, catalog);
    }

    @Bean
    public WriteService writeService(ResourceStore store, SearchParamCatalog catalog, StructureValidator validator,
                                     List<ProfileValidator> profiles, List<WriteGuard> guards,
                                     List<WriteListener> listeners, InstanceValidator instanceValidator,
                                     ResourceIndexer indexer, ConditionalMatcher matcher,
                                     TransactionTemplate transactions) {
        return new WriteService(store, catalog, validator, profiles, guards, listeners, instanceValidator, indexer,
                matcher, transactions, Clock.systemUTC());
    }

    @Bean
    public BulkImporter bulkImporter(ResourceStore store, SearchParamCatalog catalog, StructureValidator validator,
                                     ResourceIndexer indexer, TransactionTemplate transactions) {
        return new BulkImporter(store, catalog, validator, indexer, transactions);
    }

    @Bean(destroyMethod = "close")
    public BulkExportService bulkExportService(JdbcTemplate jdbc, SearchParamCatalog catalog, ResourceStore store,
                                               TransactionTemplate transactions, FhirProperties properties) {
        return new BulkExportService(jdbc, catalog, store, transactions, java.nio.file.Path.of(properties.exportDirectory()));
    }

    @Bean
    public BulkExportController bulkExportController(BulkExportService exports, FhirContext fhirContext) {
        return new BulkExportController(exports, fhirContext);
    }

    @Bean
    public SearchService searchService(SearchParamCatalog catalog, DataSource dataSource, FhirProperties properties) {
        if (properties.cursorKey() != null && !properties.cursorKey().isBlank()) {
            return new SearchService(catalog, dataSource, java.util.Base64.getDecoder().decode(properties.cursorKey()));
        }
        return new SearchService(catalog, dataSource);
    }

    /** Conditional create/update/delete and conditional references find their matches with the search engine. */
    @Bean
    public ConditionalMatcher conditionalMatcher(SearchService search) {
        return (type, query, limit) -> search.matchIds(type, SearchService.parseQueryString(query), limit);
    }

    @Bean
    public JsonResourceIndexer resourceIndexer(FhirEngineStartup startup) {
        return startup.indexer();
    }

    @Bean
    public FastStructureValidator structureValidator(FhirEngineStartup startup) {
        return startup.validator();
    }

    @Bean
    public InstanceValidation instanceValidation(FhirContext fhirContext) {
        return new InstanceValidation(fhirContext);
    }

    /** {@code $validate} and strict mode: HAPI's instance validator, against a profile when one is named. */
    @Bean
    public InstanceValidator instanceValidator(InstanceValidation validation, FhirContext fhirContext) {
        return (resource, profile) -> profile == null ? validation.validate(resource)
                : validation.validate(fhirContext.newJsonParser().parseResource(FhirJson.write(resource)), profile);
    }

    @Bean
    public ReadService readService(ResourceStore store, SearchService searcher, SearchParamCatalog catalog) {
        return new ReadService(store, searcher, catalog);
    }

    @Bean
    public BundleProcessor bundleProcessor(WriteService writes, ReadService reads, FhirContext fhirContext) {
        return new BundleProcessor(writes, reads, fhirContext);
    }

    @Bean
    public RequestContext requestContext(FhirContext fhirContext, FhirProperties properties) {
        return new RequestContext(fhirContext, properties.referentialIntegrity(), properties.strictValidation());
    }

    @Bean
    public FhirRestServer.Parts fhirRestParts(FhirContext fhirContext, SearchParamCatalog catalog, ReadService reads,
            WriteService writes, BundleProcessor bundles, RequestContext context, InstanceValidator instanceValidator,
            BulkExportService exports, List<FhirRestExtension> extensions) {
        List<Object> providers = new ArrayList<>();
        for (String type : catalog.resourceTypes()) {
            providers.add(new ResourceTypeProvider(type, fhirContext, reads, writes, context, instanceValidator));
        }
        providers.add(new SystemProvider(fhirContext, bundles, reads, context));
        providers.add(new BulkExportProvider(exports));
        List<Object> interceptors = new ArrayList<>(List.of(new ErrorInterceptor(), new FastPathInterceptor(reads,
                bundles, context, fhirContext), new CapabilityStatementCustomizer(catalog, version())));
        for (FhirRestExtension extension : extensions) {
            providers.addAll(extension.providers());
            interceptors.addAll(extension.interceptors());
        }
        return new FhirRestServer.Parts(providers, List.copyOf(interceptors));
    }

    @Bean
    public CapabilityStatementWarmUp capabilityStatementWarmUp() {
        return new CapabilityStatementWarmUp();
    }

    /** The servlet asks for its parts only when it starts, after the background start-up work is done. */
    @Bean
    public ServletRegistrationBean<FhirRestServer> fhirServlet(FhirContext fhirContext,
                                                               ObjectProvider<FhirRestServer.Parts> parts) {
        ServletRegistrationBean<FhirRestServer> registration =
                new ServletRegistrationBean<>(new FhirRestServer(fhirContext, parts::getObject), "/fhir/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<RequestLimitFilter> fhirRequestLimit(FhirProperties properties,
                                                                       FhirContext fhirContext) {
        FilterRegistrationBean<RequestLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestLimitFilter(properties.maxRequestBytes(), fhirContext));
        registration.addUrlPatterns("/fhir/*");
        registration.setOrder(-100);
        return registration;
    }

    private static String version() {
        String v = FhirConfiguration.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}

package org.vnemr.terminology;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.vnemr.fhir.rest.ReadService;
import org.vnemr.fhir.search.SearchService;
import org.vnemr.fhir.store.WriteService;
import org.vnemr.terminology.lookup.InMemoryCodeLookup;
import org.vnemr.terminology.codesystem.TerminologyIndex;
import org.vnemr.terminology.conceptmap.ConceptMapTranslator;
import org.vnemr.terminology.icd.DiagnosisRules;
import org.vnemr.terminology.icd.Icd10DiagnosisRules;
import org.vnemr.terminology.icd.Icd10VnImporter;
import org.vnemr.terminology.icd.Icd10VnSource;
import org.vnemr.terminology.icd9.Icd9CmSource;
import org.vnemr.terminology.load.ConceptTable;
import org.vnemr.terminology.load.TerminologyLoader;
import org.vnemr.terminology.load.TerminologyStartup;
import org.vnemr.terminology.operation.CodeSystemOperations;
import org.vnemr.terminology.operation.ConceptMapOperations;
import org.vnemr.terminology.operation.TerminologyRestExtension;
import org.vnemr.terminology.operation.ValueSetOperations;
import org.vnemr.terminology.valueset.ValueSetExpander;
import org.vnemr.terminology.valueset.ValueSetMembership;
import org.vnemr.terminology.valueset.ValueSetResolver;

import java.time.Duration;
import java.util.Map;

/**
 * The terminology module: loads every {@link TerminologySource} bean at start-up (ICD-10 VN and ICD-9-CM from
 * here, the Vietnamese reference lists from vn-core), serves {@link CodeLookup} and {@link DiagnosisRules} to
 * the write path and the terminology operations on {@code /fhir}.
 */
@Configuration(proxyBeanMethods = false)
public class TerminologyConfiguration {

    /** {@code vnemr.terminology.builtin-sources=false} leaves ICD-10 VN and ICD-9-CM out (tests with small sources). */
    @Bean
    @ConditionalOnProperty(name = "vnemr.terminology.builtin-sources", havingValue = "true", matchIfMissing = true)
    public Icd10VnSource icd10VnSource() {
        return new Icd10VnSource();
    }

    @Bean
    @ConditionalOnProperty(name = "vnemr.terminology.builtin-sources", havingValue = "true", matchIfMissing = true)
    public Icd9CmSource icd9CmSource() {
        return new Icd9CmSource();
    }

    @Bean
    public TerminologyIndex terminologyIndex() {
        return new TerminologyIndex(Map.of(Icd10VnImporter.INTERNATIONAL_URL, Icd10VnImporter.URL),
                Duration.ofMinutes(3));
    }

    @Bean
    public ConceptTable conceptTable(JdbcTemplate jdbc) {
        return new ConceptTable(jdbc);
    }

    @Bean
    public TerminologyLoader terminologyLoader(ObjectProvider<TerminologySource> sources, WriteService writes,
                                               ConceptTable table, TransactionTemplate transactions,
                                               TerminologyIndex index) {
        return new TerminologyLoader(sources.orderedStream().toList(), writes, table, transactions, index);
    }

    /**
     * Off in the maintenance commands ({@code backup}, {@code restore}, {@code audit}, {@code import}): they must
     * see the database as it is, and a restore needs it empty.
     */
    @Bean
    @ConditionalOnProperty(name = "vnemr.reference-data.load", havingValue = "true", matchIfMissing = true)
    public TerminologyStartup terminologyStartup(TerminologyLoader loader) {
        return new TerminologyStartup(loader);
    }

    @Bean
    public ValueSetResolver valueSetResolver(TerminologyIndex index, SearchService search, ReadService reads,
                                             FhirContext fhirContext) {
        return new ValueSetResolver(index, search, reads, fhirContext);
    }

    @Bean
    public ValueSetExpander valueSetExpander(TerminologyIndex index, ValueSetResolver resolver) {
        return new ValueSetExpander(index, resolver);
    }

    @Bean
    public CodeLookup codeLookup(TerminologyIndex index, ValueSetResolver resolver, ValueSetExpander expander) {
        return new InMemoryCodeLookup(index, new ValueSetMembership(resolver, expander));
    }

    @Bean
    public DiagnosisRules diagnosisRules(CodeLookup lookup) {
        return new Icd10DiagnosisRules(lookup);
    }

    @Bean
    public ConceptMapTranslator conceptMapTranslator(TerminologyIndex index, SearchService search, ReadService reads,
                                                     FhirContext fhirContext) {
        return new ConceptMapTranslator(index, search, reads, fhirContext);
    }

    @Bean
    public TerminologyRestExtension terminologyRestExtension(TerminologyIndex index, ValueSetResolver resolver,
                                                             ValueSetExpander expander,
                                                             ConceptMapTranslator translator) {
        return new TerminologyRestExtension(new CodeSystemOperations(index),
                new ValueSetOperations(index, resolver, expander), new ConceptMapOperations(translator));
    }
}

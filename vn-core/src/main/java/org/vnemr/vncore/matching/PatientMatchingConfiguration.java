package org.vnemr.vncore.matching;

import ca.uhn.fhir.context.FhirContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
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
 * Patient matching and merge inside a facility: {@link PatientMatcher}, {@link PatientMerger},
 * {@link PatientLinks} and the operations {@code Patient/$match}, {@code $merge}, {@code $unmerge} on
 * {@code /fhir}. Needs the FHIR engine ({@code FhirConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class PatientMatchingConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(PatientMatchingConfiguration.class);

    @Bean
    public PatientMatchIndex patientMatchIndex(JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new PatientMatchIndex(jdbc, transactions);
    }

    @Bean
    public PatientMatcher patientMatcher(PatientMatchIndex index) {
        return new PatientMatcher(index);
    }

    @Bean
    public PatientMerger patientMerger(ResourceStore store, WriteService writes, JdbcTemplate jdbc,
                                       TransactionTemplate transactions) {
        return new PatientMerger(store, writes, jdbc, transactions, Clock.systemUTC());
    }

    @Bean
    public PatientLinks patientLinks(JdbcTemplate jdbc) {
        return new PatientLinks(jdbc);
    }

    @Bean
    public FhirRestExtension patientMatchingRestExtension(PatientMatcher matcher, PatientMerger merger,
                                                          FhirContext fhirContext) {
        PatientMatchOperations operations = new PatientMatchOperations(matcher, merger, fhirContext);
        return new FhirRestExtension() {
            @Override
            public List<Object> providers() {
                return List.of(operations);
            }
        };
    }

    /**
     * Computes the match keys of patients imported while the server was down (or before this module
     * existed) in the background, so the first registration does not wait for it.
     */
    @Bean
    public ApplicationListener<ApplicationReadyEvent> patientMatchIndexWarmUp(PatientMatchIndex index) {
        return event -> {
            Thread thread = new Thread(() -> {
                try {
                    int n = index.refresh();
                    if (n > 0) {
                        LOG.info("Patient match keys computed for {} patients", n);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("Patient match keys not computed at start-up; the first match will: {}", e.toString());
                }
            }, "patient-match-index");
            thread.setDaemon(true);
            thread.start();
        };
    }
}

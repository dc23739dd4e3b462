package org.vnemr.signing.document;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vnemr.fhir.rest.FhirRestExtension;
import org.vnemr.fhir.search.SearchService;
import org.vnemr.fhir.store.ResourceStore;
import org.vnemr.fhir.store.WriteService;
import org.vnemr.signing.Signer;
import org.vnemr.signing.SigningException;
import org.vnemr.signing.keys.Pkcs12Signer;
import org.vnemr.signing.certs.CertificateValidator;
import org.vnemr.signing.pdf.DocumentPdfRenderer;
import org.vnemr.signing.pdf.PadesSigner;
import org.vnemr.signing.tsa.TimeStampClient;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The signed legal record: signing, freezing, amendments, OTP consent, batch signing, verification and their
 * FHIR operations. Needs a {@link CertificateValidator} bean (the keys module's trust list) and uses a
 * {@link TimeStampClient} bean when there is one (PAdES baseline-T).
 *
 * <p>Properties: {@code vnemr.signing.document-base-url} (fullUrl base of document Bundles, default
 * {@code http://localhost:8080/fhir}); {@code vnemr.signing.plan.<LOINC>=role,role}; {@code
 * vnemr.signing.server-keystore}, {@code …-password}, {@code …-alias} (the key {@code $sign} uses);
 * {@code vnemr.signing.otp.reveal-in-response} (development only: return the OTP to the caller).
 */
@Configuration(proxyBeanMethods = false)
public class SignedDocumentConfiguration {

    @Bean
    public FrozenRecords frozenRecords(JdbcTemplate jdbc) {
        return new FrozenRecords(jdbc);
    }

    @Bean
    public FrozenRecordAudit frozenRecordAudit(ObjectProvider<WriteService> writes,
                                               PlatformTransactionManager transactions) {
        return new FrozenRecordAudit(writes, transactions, Clock.systemUTC());
    }

    @Bean
    public FrozenRecordGuard frozenRecordGuard(FrozenRecords frozen, FrozenRecordAudit audit) {
        return new FrozenRecordGuard(frozen, audit);
    }

    @Bean
    public SigningPlans signingPlans(Environment environment) {
        Map<String, String> overrides = Binder.get(environment)
                .bind("vnemr.signing.plan", Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        return new SigningPlans(overrides);
    }

    @Bean
    public DocumentPdfRenderer documentPdfRenderer() {
        return new DocumentPdfRenderer();
    }

    @Bean
    public PadesSigner padesSigner(ObjectProvider<TimeStampClient> tsa) {
        return new PadesSigner(tsa.getIfAvailable(), Clock.systemUTC());
    }

    @Bean
    public SignedRecordChecker signedRecordChecker(CertificateValidator certificates) {
        return new SignedRecordChecker(certificates);
    }

    @Bean
    public SignedDocumentService signedDocumentService(ResourceStore store, WriteService writes,
            TransactionTemplate transactions, FrozenRecords frozen, SigningPlans plans, Environment environment,
            DocumentPdfRenderer renderer, PadesSigner pades, CertificateValidator certificates,
            FhirContext fhirContext) {
        return new SignedDocumentService(store, writes, transactions, frozen, plans,
                environment.getProperty("vnemr.signing.document-base-url", "http://localhost:8080/fhir"), renderer,
                pades, certificates, fhirContext, Clock.systemUTC());
    }

    @Bean
    public ConsentOtpService consentOtpService(SignedDocumentService documents, FrozenRecords frozen,
                                               WriteService writes, JdbcTemplate jdbc,
                                               TransactionTemplate transactions) {
        return new ConsentOtpService(documents, frozen, writes, jdbc, transactions, Clock.systemUTC());
    }

    @Bean
    public SignatureVerification signatureVerification(ResourceStore store, FrozenRecords frozen,
                                                       SignedRecordChecker checker) {
        return new SignatureVerification(store, frozen, checker);
    }

    @Bean
    public DocumentAmendments documentAmendments(ResourceStore store, WriteService writes, SearchService search,
                                                 FrozenRecords frozen, TransactionTemplate transactions) {
        return new DocumentAmendments(store, writes, search, frozen, transactions, Clock.systemUTC());
    }

    @Bean
    public BatchSigning batchSigning(SignedDocumentService documents) {
        return new BatchSigning(documents, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "batch-signing");
            t.setDaemon(true);
            return t;
        }));
    }

    @Bean
    public SignedDocumentOperations signedDocumentOperations(SignedDocumentService documents,
            SignatureVerification verification, DocumentAmendments amendments, ConsentOtpService otp,
            FhirContext fhirContext, Environment environment) {
        Supplier<Signer> serverSigner = () -> {
            String file = environment.getProperty("vnemr.signing.server-keystore");
            if (file == null || file.isBlank()) {
                throw new SigningException("VNEMR-4141");
            }
            String password = environment.getProperty("vnemr.signing.server-keystore-password", "");
            return Pkcs12Signer.open(java.nio.file.Path.of(file), password.toCharArray(),
                    environment.getProperty("vnemr.signing.server-key-alias"));
        };
        return new SignedDocumentOperations(documents, verification, amendments, otp, serverSigner, fhirContext,
                environment.getProperty("vnemr.signing.otp.reveal-in-response", Boolean.class, false));
    }

    @Bean
    public FhirRestExtension signedDocumentRestExtension(SignedDocumentOperations operations) {
        return new FhirRestExtension() {
            @Override
            public List<Object> providers() {
                return List.of(operations);
            }
        };
    }
}

package org.vnemr.bhyt;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.vnemr.bhyt.export.BatchExport;
import org.vnemr.bhyt.export.BhytExport;
import org.vnemr.bhyt.imports.XmlImport;
import org.vnemr.fhir.rest.BundleProcessor;
import org.vnemr.bhyt.export.StoreVisitLoader;
import org.vnemr.bhyt.mapping.CatalogueInfo;
import org.vnemr.bhyt.mapping.ContractUrls;
import org.vnemr.bhyt.xml130.Xml130Values;
import org.vnemr.terminology.catalogue.Catalogues;
import org.vnemr.bhyt.mapping.DossierMapper;
import org.vnemr.bhyt.rest.BhytOperations;
import org.vnemr.bhyt.validation.DossierValidator;
import org.vnemr.fhir.rest.FhirRestExtension;
import org.vnemr.fhir.search.SearchService;
import org.vnemr.fhir.store.ResourceStore;
import org.vnemr.signing.Signer;
import org.vnemr.signing.keys.Pkcs12Signer;
import org.vnemr.signing.keys.SignerRegistry;
import org.vnemr.terminology.CodeLookup;
import org.vnemr.vncore.VnCoreUrls;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The insurance export: table mapping, validator, facility signature, FHIR operations {@code $bhyt-validate} and
 * {@code $bhyt-xml}.
 *
 * <p>Properties: {@code vnemr.bhyt.ma-ttdv} (practising-licence number of the facility head, MA_TTDV);
 * {@code vnemr.bhyt.facility-keystore}, {@code …-password}, {@code …-alias} (PKCS#12 key that signs CHUKYDONVI;
 * without it the signing module's facility signer is used).
 */
@Configuration(proxyBeanMethods = false)
public class BhytConfiguration {

    @Bean
    public DossierMapper bhytDossierMapper(Environment env, ObjectProvider<Catalogues> catalogues) {
        return new DossierMapper(env.getProperty("vnemr.bhyt.ma-ttdv", ""), catalogueInfo(catalogues));
    }

    /** Strength, registration number, tender data and dosage form from the catalogue version in force today. */
    static CatalogueInfo catalogueInfo(ObjectProvider<Catalogues> catalogues) {
        return (system, code) -> {
            Catalogues c = catalogues.getIfAvailable();
            if (c == null) {
                return java.util.Optional.empty();
            }
            String kind = system.equals(ContractUrls.CS_DRUG) ? "drug"
                    : system.equals(ContractUrls.CS_SUPPLY) ? "supply" : null;
            if (kind == null) {
                return java.util.Optional.empty();
            }
            return c.entryOn(Catalogues.kind(kind), code, java.time.LocalDate.now(Xml130Values.VIETNAM))
                    .map(e -> new CatalogueInfo.Entry(text(e.field("HAM_LUONG")), text(e.field("SO_DANG_KY")),
                            text(e.field("TT_THAU")), text(e.field("DANG_BAO_CHE"))));
        };
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    @Bean
    public DossierValidator bhytDossierValidator(ObjectProvider<CodeLookup> codes) {
        CodeLookup lookup = codes.getIfAvailable();
        Predicate<String> icd10 = lookup == null ? null : code -> {
            if (!lookup.knowsSystem(VnCoreUrls.CS_ICD10)) {
                return true; // not loaded yet: only the shape of the code is checked
            }
            return lookup.lookup(VnCoreUrls.CS_ICD10, code).isPresent()
                    || (code.length() > 3 && !code.contains(".")
                    && lookup.lookup(VnCoreUrls.CS_ICD10, code.substring(0, 3) + "." + code.substring(3)).isPresent());
        };
        return new DossierValidator(icd10);
    }

    @Bean
    public StoreVisitLoader bhytVisitLoader(ResourceStore store, SearchService search, FhirContext fhirContext) {
        return new StoreVisitLoader(store, search, fhirContext);
    }

    @Bean
    public BhytExport bhytExport(StoreVisitLoader loader, DossierMapper mapper, DossierValidator validator,
                                 Environment env, ObjectProvider<SignerRegistry> registry) {
        Supplier<Signer> signer = () -> {
            String file = env.getProperty("vnemr.bhyt.facility-keystore");
            if (file != null && !file.isBlank()) {
                return Pkcs12Signer.open(Path.of(file),
                        env.getProperty("vnemr.bhyt.facility-keystore-password", "").toCharArray(),
                        env.getProperty("vnemr.bhyt.facility-keystore-alias"));
            }
            SignerRegistry signers = registry.getIfAvailable();
            return signers == null ? null : signers.facility();
        };
        return new BhytExport(loader, mapper, validator, signer, Clock.systemUTC());
    }

    /** What the BHXH gateway link sends (see gateway.GatewayConfiguration), built by this package. */
    @Bean
    public org.vnemr.bhyt.gateway.ClaimDocuments bhytClaimDocuments(BhytExport export, DossierMapper mapper,
                                                                    ResourceStore store) {
        return new org.vnemr.bhyt.export.StoreClaimDocuments(export, mapper, store);
    }

    @Bean
    public BatchExport bhytBatchExport(BhytExport export) {
        return new BatchExport(export);
    }

    @Bean
    public XmlImport bhytXmlImport(BundleProcessor bundles, FhirContext fhirContext) {
        return new XmlImport(bundles, fhirContext);
    }

    @Bean
    public BhytOperations bhytOperations(BhytExport export) {
        return new BhytOperations(export);
    }

    @Bean
    public FhirRestExtension bhytRestExtension(BhytOperations operations) {
        return new FhirRestExtension() {
            @Override
            public List<Object> providers() {
                return List.of(operations);
            }
        };
    }
}

package org.vnemr.vncore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vnemr.fhir.store.ResourceStore;
import org.vnemr.fhir.store.WriteService;
import org.vnemr.terminology.icd.DiagnosisRules;
import org.vnemr.vncore.address.AdministrativeUnits;
import org.vnemr.vncore.address.VietnameseAddress;
import org.vnemr.vncore.codes.AdministrativeUnitCodeSystems;
import org.vnemr.vncore.codes.VnCoreCodeSystems;
import org.vnemr.vncore.profile.ProfilePublisher;
import org.vnemr.vncore.profile.VnCoreProfileValidator;

/**
 * The vn-core module's Spring face: the administrative units, the VN Core code lists as terminology sources, the
 * profile validator that the FHIR write path calls on every write, and the publication of the VN Core
 * StructureDefinitions. Property {@code vnemr.vncore.require-profile=true} applies the profiles' presence rules to
 * every resource of a profiled type, not only to those that claim the profile.
 */
@Configuration(proxyBeanMethods = false)
public class VnCoreConfiguration {

    @Bean
    public AdministrativeUnits administrativeUnits() {
        return AdministrativeUnits.bundled();
    }

    @Bean
    public VietnameseAddress vietnameseAddress(AdministrativeUnits units) {
        return new VietnameseAddress(units);
    }

    @Bean
    public AdministrativeUnitCodeSystems administrativeUnitCodeSystems(AdministrativeUnits units) {
        return new AdministrativeUnitCodeSystems(units);
    }

    @Bean
    public VnCoreCodeSystems vnCoreCodeSystems() {
        return new VnCoreCodeSystems();
    }

    /** ICD-10 rules come from the terminology module when it provides them; without them ICD codes pass unchecked. */
    @Bean
    public VnCoreProfileValidator vnCoreProfileValidator(AdministrativeUnits units, VnCoreCodeSystems codes,
                                                         ObjectProvider<DiagnosisRules> diagnosisRules,
                                                         @Value("${vnemr.vncore.require-profile:false}")
                                                         boolean requireProfile) {
        return new VnCoreProfileValidator(units, codes, diagnosisRules.getIfAvailable(), requireProfile);
    }

    /**
     * Off in the maintenance commands ({@code backup}, {@code restore}, {@code audit}, {@code import}): they must
     * see the database as it is, and a restore needs it empty.
     */
    @Bean
    @ConditionalOnProperty(name = "vnemr.reference-data.load", havingValue = "true", matchIfMissing = true)
    public ProfilePublisher vnCoreProfilePublisher(WriteService writes, ResourceStore store) {
        return new ProfilePublisher(writes, store);
    }
}

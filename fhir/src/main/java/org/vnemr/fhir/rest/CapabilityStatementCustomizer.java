package org.vnemr.fhir.rest;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Enumerations;
import org.vnemr.fhir.schema.SearchParam;
import org.vnemr.fhir.schema.SearchParamCatalog;

/**
 * Makes the generated CapabilityStatement truthful: HAPI sees one generic search method per type, so it
 * cannot list the parameters; we add every parameter the store indexes (plus the common ones), and say
 * which paging, include and conditional features the store really has.
 */
@Interceptor
public class CapabilityStatementCustomizer {

    private final SearchParamCatalog catalog;
    private final String version;

    public CapabilityStatementCustomizer(SearchParamCatalog catalog, String version) {
        this.catalog = catalog;
        this.version = version;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void customize(IBaseConformance conformance) {
        CapabilityStatement cs = (CapabilityStatement) conformance;
        cs.getSoftware().setName("vnemr").setVersion(version);
        cs.getImplementation().setDescription("vnemr — hồ sơ bệnh án điện tử / electronic medical record");
        cs.setPublisher("vnemr");
        cs.setStatus(Enumerations.PublicationStatus.ACTIVE);
        cs.setFormat(java.util.List.of(new org.hl7.fhir.r4.model.CodeType("json"),
                new org.hl7.fhir.r4.model.CodeType("xml")));
        cs.setPatchFormat(java.util.List.of(new org.hl7.fhir.r4.model.CodeType("application/json-patch+json")));
        for (CapabilityStatement.CapabilityStatementRestComponent rest : cs.getRest()) {
            boolean hasBatch = rest.getInteraction().stream()
                    .anyMatch(i -> i.getCode() == CapabilityStatement.SystemRestfulInteraction.BATCH);
            if (!hasBatch) {
                rest.addInteraction().setCode(CapabilityStatement.SystemRestfulInteraction.BATCH);
            }
            for (CapabilityStatement.CapabilityStatementRestResourceComponent resource : rest.getResource()) {
                String type = resource.getType();
                resource.setVersioning(CapabilityStatement.ResourceVersionPolicy.VERSIONEDUPDATE);
                resource.setReadHistory(true);
                resource.setUpdateCreate(true);
                resource.setConditionalCreate(true);
                resource.setConditionalUpdate(true);
                resource.setConditionalDelete(CapabilityStatement.ConditionalDeleteStatus.SINGLE);
                resource.setConditionalRead(CapabilityStatement.ConditionalReadStatus.NOTSUPPORTED);
                resource.setReferencePolicy(java.util.List.of(
                        new org.hl7.fhir.r4.model.Enumeration<>(new CapabilityStatement.ReferenceHandlingPolicyEnumFactory(),
                                CapabilityStatement.ReferenceHandlingPolicy.LITERAL),
                        new org.hl7.fhir.r4.model.Enumeration<>(new CapabilityStatement.ReferenceHandlingPolicyEnumFactory(),
                                CapabilityStatement.ReferenceHandlingPolicy.ENFORCED),
                        new org.hl7.fhir.r4.model.Enumeration<>(new CapabilityStatement.ReferenceHandlingPolicyEnumFactory(),
                                CapabilityStatement.ReferenceHandlingPolicy.LOCAL)));
                resource.getSearchParam().clear();
                addCommon(resource);
                for (SearchParam param : catalog.params(type).values()) {
                    resource.addSearchParam().setName(param.name())
                            .setType(Enumerations.SearchParamType.fromCode(param.type().name().toLowerCase()));
                }
                resource.getSearchInclude().clear();
                resource.addSearchInclude("*");
                resource.getSearchRevInclude().clear();
                resource.addSearchRevInclude("*");
            }
        }
    }

    private static void addCommon(CapabilityStatement.CapabilityStatementRestResourceComponent resource) {
        resource.addSearchParam().setName("_id").setType(Enumerations.SearchParamType.TOKEN);
        resource.addSearchParam().setName("_lastUpdated").setType(Enumerations.SearchParamType.DATE);
        resource.addSearchParam().setName("_tag").setType(Enumerations.SearchParamType.TOKEN);
        resource.addSearchParam().setName("_profile").setType(Enumerations.SearchParamType.URI);
        resource.addSearchParam().setName("_security").setType(Enumerations.SearchParamType.TOKEN);
        resource.addSearchParam().setName("_source").setType(Enumerations.SearchParamType.URI);
    }
}

package org.vnemr.terminology.catalogue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.store.ResourceStore;
import org.vnemr.fhir.testing.FhirTestServer;
import org.vnemr.fhir.validation.InstanceValidator;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** HAPI's full R4 instance validator over the CodeSystem, ChargeItemDefinition and MedicationKnowledge we emit. */
class CatalogueConformanceIT {

    static FhirTestServer server;
    static String drugVersion;

    @BeforeAll
    static void start() {
        server = FhirTestServer.startWith(List.of(CatalogueConfiguration.class));
        Catalogues catalogues = server.bean(Catalogues.class);
        drugVersion = catalogues.importFile(CatalogueKind.DRUG, "drug.xlsx",
                CatalogueVersionsIT.class.getResourceAsStream("/vnemr/catalogue/samples/drug.xlsx")).id();
        catalogues.activate(drugVersion, LocalDate.of(2026, 1, 1));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static ObjectNode stored(String type, String id) {
        return FhirJson.parseResource(server.bean(ResourceStore.class).read(type, id).orElseThrow().json());
    }

    static List<String> errors(String type, String id) {
        return errors(stored(type, id));
    }

    static List<String> errors(ObjectNode resource) {
        OperationOutcome outcome = server.bean(InstanceValidator.class).validate(resource, null);
        return outcome.getIssue().stream()
                .filter(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                        || i.getSeverity() == OperationOutcome.IssueSeverity.FATAL)
                .map(i -> i.getDiagnostics() + " @ " + i.getExpression())
                .toList();
    }

    @Test
    void catalogueCodeSystem_isValidR4() {
        assertThat(errors("CodeSystem", CatalogueFhir.resourceId(drugVersion))).isEmpty();
    }

    @Test
    void priceList_isValidR4() {
        assertThat(errors("ChargeItemDefinition", CatalogueFhir.resourceId(drugVersion))).isEmpty();
    }

    @Test
    void drugKnowledge_isValidR4() {
        assertThat(errors("MedicationKnowledge", "drug-40.49")).isEmpty();
        assertThat(errors("MedicationKnowledge", "drug-40.1005")).isEmpty();
    }

    @Test
    void validator_refusesAPriceListWithABadPriceComponent() {
        ObjectNode broken = stored("ChargeItemDefinition", CatalogueFhir.resourceId(drugVersion));
        ((ObjectNode) broken.path("propertyGroup").get(0).path("priceComponent").get(0)).put("type", "price");

        assertThat(errors(broken)).isNotEmpty();
    }
}

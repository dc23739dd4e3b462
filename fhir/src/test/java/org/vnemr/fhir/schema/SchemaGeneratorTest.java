package org.vnemr.fhir.schema;

import ca.uhn.fhir.context.FhirContext;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaGeneratorTest {

    private final SearchParamCatalog catalog = new SearchParamCatalog(FhirContext.forR4Cached());

    @Test
    void committedMigration_matchesTheGeneratorOutput() throws IOException {
        String committed;
        try (InputStream in = getClass().getResourceAsStream("/db/migration/fhir/V1_001__resource_tables.sql")) {
            committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(committed)
                .as("V1_001 was generated from the R4 search parameters; after a HAPI upgrade add a migration for the "
                        + "difference instead of editing it")
                .isEqualTo(new SchemaGenerator(catalog).generate());
    }

    @Test
    void catalogue_coversEveryR4TypeAndTheCommonParameters() {
        assertThat(catalog.resourceTypes()).hasSizeGreaterThanOrEqualTo(140).contains("Patient", "Observation", "Group");
        assertThat(catalog.param("Patient", "name")).hasValueSatisfying(p -> {
            assertThat(p.type()).isEqualTo(SearchParamType.STRING);
            assertThat(p.column()).isEqualTo("sp_name");
        });
        assertThat(catalog.param("Observation", "value-quantity")).hasValueSatisfying(p ->
                assertThat(p.columns()).containsExactly("sp_value_quantity", "sp_value_quantity_unit"));
        assertThat(catalog.param("Observation", "code-value-quantity")).as("composite has no column").isEmpty();
    }

    @Test
    void columnNames_areValidPostgresIdentifiers() {
        for (String type : catalog.resourceTypes()) {
            for (SearchParam param : catalog.params(type).values()) {
                for (String column : param.columns()) {
                    assertThat(column).matches("[a-z_][a-z0-9_]{0,62}");
                }
            }
        }
    }
}

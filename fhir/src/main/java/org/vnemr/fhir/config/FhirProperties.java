package org.vnemr.fhir.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the FHIR store and API ({@code vnemr.fhir.*}; see docs/operations/configuration.md).
 *
 * @param referentialIntegrity refuse references to missing resources (default true)
 * @param strictValidation     run HAPI's full instance validator on every write (default false: slow)
 * @param maxRequestBytes      largest accepted request body (default 64 MiB)
 * @param exportDirectory      where Bulk Data export files are written (default {@code data/exports})
 * @param cursorKey            base64 key that signs search paging cursors; give every node of one
 *                             installation the same key (from the environment) so a next link works on any of
 *                             them; unset: a random key per start
 */
@ConfigurationProperties(prefix = "vnemr.fhir")
public record FhirProperties(@DefaultValue("true") boolean referentialIntegrity,
                             @DefaultValue("false") boolean strictValidation,
                             @DefaultValue("67108864") long maxRequestBytes,
                             @DefaultValue("data/exports") String exportDirectory,
                             String cursorKey) {
}

/**
 * Write-path indexing: the search-column values of a resource, taken from its FHIR JSON.
 *
 * <p>{@link org.vnemr.fhir.index.JsonResourceIndexer} compiles the FHIRPath expression of every R4 search
 * parameter once, at start-up, into direct walks over the Jackson tree (element and choice types resolved
 * from HAPI's model definitions); expressions outside the compiled subset would be evaluated with HAPI's
 * FHIRPath engine (none of the R4 parameters needs it today; {@code JsonIndexerCatalogTest} lists them).
 * Values are written in the column layout of {@link org.vnemr.fhir.schema.SearchParam}: text folded with
 * {@link org.vnemr.fhir.text.VietnameseText}, dates as {@link org.vnemr.fhir.index.DateRange}s.
 *
 * <p>Uses only {@code fhir.schema} and {@code fhir.text} of this module, Jackson and HAPI FHIR.
 */
package org.vnemr.fhir.index;

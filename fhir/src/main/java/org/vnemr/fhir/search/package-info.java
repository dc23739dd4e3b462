/**
 * FHIR search over the per-type tables of the store: raw HTTP query parameters are compiled into one
 * parameterised SQL statement per search (chains and {@code _has} as sub-selects), {@code _include} and
 * {@code _revinclude} as one further statement per level, with keyset paging through an opaque cursor.
 *
 * <p>Public face: {@link org.vnemr.fhir.search.SearchService} and {@link org.vnemr.fhir.search.SearchResult}.
 * Uses {@code fhir.schema} (columns), {@code fhir.index} (date ranges), {@code fhir.text} (folding),
 * {@code fhir.store} (result rows) and {@code fhir.error} (numbered errors). See
 * {@code docs/architecture/fhir-search.md}.
 */
package org.vnemr.fhir.search;

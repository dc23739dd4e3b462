/**
 * National catalogues with prices (danh mục dùng chung): drugs, technical services (DVKT), medical supplies,
 * beds, departments (MA_KHOA), patient categories (MA_DOITUONG_KCB) and visit types (MA_LOAI_KCB). Imports the
 * Ministry/BHXH Excel layouts, previews a new version against the one in force, activates it from a date and
 * answers the price of a code on a day. Public face: {@link org.vnemr.terminology.catalogue.Catalogues},
 * {@link org.vnemr.terminology.catalogue.CataloguePrices}, the importers and their records; the SQL, the FHIR
 * builders and the HAPI provider are package-private. Uses the {@code fhir} module only.
 */
package org.vnemr.terminology.catalogue;

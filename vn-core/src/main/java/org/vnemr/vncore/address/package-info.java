/**
 * Đơn vị hành chính: the 34 provinces and 3,321 wards in force since 01/07/2025 and the legacy 63-province list,
 * with the legacy → 2025 mapping derived from the shipped data; FHIR Address the VN Core way.
 */
package org.vnemr.vncore.address;

package org.vnemr.vncore.address;

/**
 * One of the 63 provinces before 07/2025. Its code is also the birth-registration prefix of CCCD numbers
 * ({@code "0" + code}) and chars 4–5 of legacy BHYT cards.
 *
 * @param newProvinceCode the 2025 province it became part of (derived from the data, see {@link AdministrativeUnits})
 */
public record LegacyProvince(String code, String fullName, String newProvinceCode) {
}

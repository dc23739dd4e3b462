package org.vnemr.vncore.address;

/**
 * A commune of the legacy list (xã / phường / thị trấn, before 07/2025).
 *
 * @param level "Xã", "Phường" or "Thị trấn" as the list writes it
 */
public record LegacyCommune(String code, String fullName, String level, String districtCode,
                            String legacyProvinceCode) {
}

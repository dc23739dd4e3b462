package org.vnemr.vncore.address;

/** A district (quận / huyện / thị xã / thành phố thuộc tỉnh) of the legacy list; districts were abolished in 07/2025. */
public record LegacyDistrict(String code, String fullName, String legacyProvinceCode) {
}

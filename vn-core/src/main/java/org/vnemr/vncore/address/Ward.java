package org.vnemr.vncore.address;

/** A commune-level unit (xã / phường / đặc khu) of the 2025 list; wards belong directly to a province. */
public record Ward(String code, String name, String fullName, String nameEn, String provinceCode) {
}

package org.vnemr.vncore.address;

/** A province-level unit (tỉnh / thành phố trực thuộc trung ương) of the 2025 list (QĐ 19/2025/QĐ-TTg). */
public record Province(String code, String name, String fullName, String nameEn) {
}

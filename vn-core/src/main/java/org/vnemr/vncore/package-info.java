/**
 * vn-core — Vietnamese identities (CCCD, thẻ BHYT, hộ chiếu, mã CSKCB, CCHN/GPHN, số điện thoại), administrative
 * units (34 tỉnh, 3.321 xã/phường từ 07/2025 and the legacy 63-province list), the VN Core code lists and the
 * VN Core profile rules checked on every write. May use {@code terminology} and {@code fhir}; knows nothing of HTTP.
 */
package org.vnemr.vncore;

/**
 * Chuẩn dữ liệu đầu ra BHYT (QĐ 130/QĐ-BYT, sửa đổi bởi QĐ 4750 và QĐ 3176): the XML tables XML0–XML15 built from
 * the FHIR record, the signed {@code GIAMDINHHS} envelope, the gateway's validation rules, and the clients of the
 * national systems (BHXH gateway, national e-prescription system). Reads the clinical resources described in
 * {@code docs/architecture/clinical-data.md}; writes only its own outbox rows and the gateways' replies.
 */
package org.vnemr.bhyt;

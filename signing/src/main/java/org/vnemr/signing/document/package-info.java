/**
 * Hồ sơ pháp lý đã ký — the signed legal record: signing plans, signing and freezing a Composition with its
 * snapshot, PDF and Provenance in one transaction; the write guard and database triggers that keep frozen rows
 * unchanged (every refusal audited); amendments; OTP consent of patients and relatives (TT 13/2025 Đ3); batch
 * signing; verification in the database and of an offline export; the FHIR operations. Uses the store of module
 * {@code fhir} and the signers and certificate checks of {@code signing.keys} / {@code signing.certs}.
 */
package org.vnemr.signing.document;

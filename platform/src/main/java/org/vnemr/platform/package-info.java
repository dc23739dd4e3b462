/**
 * Nền tảng (platform): the audit trail, accounts and tokens, the authorisation decision point and backup/restore
 * of a vnemr node. May use only {@code org.vnemr.fhir} (DESIGN.md §3); the modules above it (emr, hub) use it.
 * {@link org.vnemr.platform.PlatformConfiguration} is its one Spring configuration.
 */
package org.vnemr.platform;

/** Dấu thời gian — RFC 3161 time-stamps for PAdES baseline-T. */
package org.vnemr.signing.tsa;

/**
 * CA phát triển — a local certificate authority for demos and tests only; everything it makes is marked
 * "NOT FOR PRODUCTION / KHÔNG DÙNG CHO MÔI TRƯỜNG THẬT".
 */
package org.vnemr.signing.devca;

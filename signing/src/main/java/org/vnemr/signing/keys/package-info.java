/**
 * Khóa ký — where a user's private key lives and how it is used: a PKCS#12 file ({@link
 * org.vnemr.signing.keys.Pkcs12Signer}), a PKCS#11 token or HSM ({@link org.vnemr.signing.keys.Pkcs11Signer}) or a
 * remote-signing CA ({@link org.vnemr.signing.keys.RemoteSigner}); {@link org.vnemr.signing.keys.SignerRegistry}
 * builds them from the {@code vnemr.signing.*} configuration, each wrapped in a certificate check before signing.
 */
package org.vnemr.signing.keys;

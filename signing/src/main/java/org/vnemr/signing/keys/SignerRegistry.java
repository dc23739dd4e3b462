package org.vnemr.signing.keys;

import org.vnemr.signing.Signer;
import org.vnemr.signing.SigningException;
import org.vnemr.signing.certs.CertificateValidator;

import java.nio.file.Path;

/**
 * Builds signers from the configuration: a user's own signer (a doctor signing a record, with the PIN they type)
 * and the facility's signer (the hospital's organisation certificate, for the insurance XML's {@code CHUKYDONVI}).
 * Every signer it returns checks its certificate before signing ({@link CheckedSigner}).
 *
 * <ul>
 *   <li>{@code pkcs12}: {@code vnemr.signing.pkcs12.directory}/{@code <userId>.p12}, opened with the user's PIN</li>
 *   <li>{@code pkcs11}: the token in {@code vnemr.signing.pkcs11.*}, logged in with the user's PIN</li>
 *   <li>{@code remote}: the user's account at {@code vnemr.signing.remote.url}; approval on the user's phone, so
 *       the PIN argument is not used</li>
 * </ul>
 * The facility signer reads the same keys under {@code vnemr.signing.facility.} and its PIN from
 * {@code vnemr.signing.facility.pin-env} / {@code -file}.
 */
public final class SignerRegistry {

    private static final String FACILITY = "facility.";

    private final SigningSettings settings;
    private final CertificateValidator validator;

    public SignerRegistry(SigningSettings settings, CertificateValidator validator) {
        this.settings = settings;
        this.validator = validator;
    }

    /** The signer of {@code userId} (the login name), opened with the PIN they just typed. */
    public CheckedSigner forUser(String userId, char[] pin) {
        if (!userId.matches("[A-Za-z0-9._@-]{1,100}")) {
            throw new SigningException("VNEMR-4027", "user id \"" + userId + "\"");
        }
        Signer signer = switch (settings.kind("")) {
            case PKCS12 -> Pkcs12Signer.open(Path.of(settings.require("pkcs12.directory")).resolve(userId + ".p12"),
                    pin);
            case PKCS11 -> Pkcs11Signer.open(settings.pkcs11(""), pin);
            case REMOTE -> RemoteSigner.connect(settings.remote(""), userId);
        };
        return new CheckedSigner(signer, validator);
    }

    /** The facility's organisation signer. */
    public CheckedSigner facility() {
        Signer signer = switch (settings.kind(FACILITY)) {
            case PKCS12 -> Pkcs12Signer.open(Path.of(settings.require(FACILITY + "pkcs12.path")),
                    settings.secret(FACILITY + "pin"), settings.get(FACILITY + "pkcs12.alias").orElse(null));
            case PKCS11 -> Pkcs11Signer.open(settings.pkcs11(FACILITY), settings.secret(FACILITY + "pin"));
            case REMOTE -> RemoteSigner.connect(settings.remote(FACILITY), settings.require(FACILITY + "remote.user-id"));
        };
        return new CheckedSigner(signer, validator);
    }

    public CertificateValidator validator() {
        return validator;
    }
}

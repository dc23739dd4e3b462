package org.vnemr.signing.certs;

import org.vnemr.signing.SigningException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The certification authorities vnemr trusts: a directory of PEM or DER certificates ({@code .pem .crt .cer .der}).
 * Self-signed ones are roots (in production: the Vietnam National Root CA of the Ministry's NEAC and the root of
 * the Government CA for public-service signatures); the others are intermediate CAs (VNPT-CA, Viettel-CA,
 * FPT-CA…) used to complete a chain a signer sent without them.
 */
public final class TrustList {

    private final Set<TrustAnchor> anchors;
    private final List<X509Certificate> roots;
    private final List<X509Certificate> intermediates;

    private TrustList(List<X509Certificate> roots, List<X509Certificate> intermediates) {
        this.roots = List.copyOf(roots);
        this.intermediates = List.copyOf(intermediates);
        Set<TrustAnchor> set = new HashSet<>();
        for (X509Certificate root : roots) {
            set.add(new TrustAnchor(root, null));
        }
        this.anchors = Set.copyOf(set);
    }

    /** Reads every certificate file of {@code directory} (not recursive). */
    public static TrustList fromDirectory(Path directory) {
        List<X509Certificate> all = new ArrayList<>();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                    if (name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer") || name.endsWith(".der")) {
                        all.addAll(read(file));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return of(all, directory.toString());
    }

    public static TrustList of(Collection<X509Certificate> certificates) {
        return of(certificates, "(in memory)");
    }

    private static TrustList of(Collection<X509Certificate> certificates, String source) {
        List<X509Certificate> roots = new ArrayList<>();
        List<X509Certificate> intermediates = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            if (certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                    && verifiesItself(certificate)) {
                roots.add(certificate);
            } else {
                intermediates.add(certificate);
            }
        }
        if (roots.isEmpty()) {
            throw new SigningException("VNEMR-4036", source);
        }
        return new TrustList(roots, intermediates);
    }

    public Set<TrustAnchor> anchors() {
        return anchors;
    }

    public List<X509Certificate> roots() {
        return roots;
    }

    public List<X509Certificate> intermediates() {
        return intermediates;
    }

    public boolean isRoot(X509Certificate certificate) {
        return roots.contains(certificate);
    }

    private static boolean verifiesItself(X509Certificate certificate) {
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static List<X509Certificate> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> result = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                result.add((X509Certificate) certificate);
            }
            return result;
        } catch (IOException | GeneralSecurityException e) {
            // one unreadable file must not hide the others; an empty list is refused above
            return List.of();
        }
    }
}

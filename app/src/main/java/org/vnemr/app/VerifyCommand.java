package org.vnemr.app;

import org.vnemr.fhir.error.Messages;
import org.vnemr.signing.certs.CertificateStatus;
import org.vnemr.signing.certs.CertificateValidator;
import org.vnemr.signing.certs.RevocationMode;
import org.vnemr.signing.certs.TrustList;
import org.vnemr.signing.certs.TrustListCertificateValidator;
import org.vnemr.signing.document.ExportVerifier;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code vnemr verify DIR [--trust=DIR] [--crl=FILE …]}: verifies an export offline — every signed PDF and every
 * signed document (document Bundle + Provenance + Binary in NDJSON) of DIR. Prints OK or FAILED with the reasons
 * per document; exit code 1 when anything failed. Certificates chain to the root certificates in {@code --trust}
 * (default {@code vnemr.signing.trust.directory} / {@code VNEMR_SIGNING_TRUST_DIRECTORY}); revocation only from
 * the given CRL files (offline mode says when it could not check).
 */
final class VerifyCommand {

    private VerifyCommand() {
    }

    static int run(String[] args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            System.err.println("Dùng / usage: vnemr verify <directory> [--trust=DIR] [--crl=FILE ...]");
            return 2;
        }
        Path directory = Path.of(args[0]);
        if (!Files.isDirectory(directory)) {
            System.err.println("VNEMR-4144: " + Messages.vi("VNEMR-4144", directory) + " / "
                    + Messages.en("VNEMR-4144", directory));
            return 2;
        }
        String trust = System.getProperty("vnemr.signing.trust.directory",
                System.getenv("VNEMR_SIGNING_TRUST_DIRECTORY"));
        List<Path> crls = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--trust=")) {
                trust = arg.substring("--trust=".length());
            } else if (arg.startsWith("--crl=")) {
                crls.add(Path.of(arg.substring("--crl=".length())));
            }
        }
        CertificateValidator validator;
        if (trust == null) {
            System.out.println("! Không có danh sách tin cậy (--trust): mọi chứng thư số bị coi là không tin cậy / "
                    + "no trust list given: every certificate counts as untrusted");
            validator = (chain, at) -> new CertificateStatus(CertificateStatus.Verdict.UNTRUSTED,
                    chain.get(0).getSubjectX500Principal().getName(), at, false, "VNEMR-4036", List.of("--trust"));
        } else {
            validator = new TrustListCertificateValidator(TrustList.fromDirectory(Path.of(trust)),
                    RevocationMode.OFFLINE, crls, Duration.ofSeconds(1));
        }
        try {
            List<ExportVerifier.Result> results = new ExportVerifier(validator).verify(directory);
            int failed = 0;
            for (ExportVerifier.Result r : results) {
                System.out.println((r.ok() ? "OK      " : "FAILED  ") + r.name());
                r.problems().forEach(p -> System.out.println("        - " + p));
                failed += r.ok() ? 0 : 1;
            }
            System.out.printf("%d checked, %d OK, %d FAILED (offline: revocation only from CRL files given)%n",
                    results.size(), results.size() - failed, failed);
            return failed > 0 || results.isEmpty() ? 1 : 0;
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("VNEMR-4145: " + Messages.vi("VNEMR-4145", directory, e.getMessage()));
            return 1;
        }
    }
}

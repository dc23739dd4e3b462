package org.vnemr.app;

import org.vnemr.signing.SigningException;
import org.vnemr.signing.devca.CertificateProfile;
import org.vnemr.signing.devca.DevelopmentCa;
import org.vnemr.signing.devca.IssuedCertificate;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code vnemr devca init DIR [--crl-url=URL] [--ocsp-url=URL]} creates a development CA;
 * {@code vnemr devca issue DIR --name="Nguyễn Văn An" --id=001085012345 --out=an [--email=…] [--days=730]
 * [--pin=…]} makes a user certificate as {@code an.p12} + {@code an.pem}; {@code vnemr devca revoke DIR
 * --cert=an.pem} revokes one and republishes the CRL. For demos and tests only: everything it makes is marked
 * "NOT FOR PRODUCTION / KHÔNG DÙNG CHO MÔI TRƯỜNG THẬT". The CA password comes from {@code VNEMR_DEVCA_PASSWORD}
 * (default {@code vnemr-dev}), a user PIN from {@code --pin} or {@code VNEMR_DEVCA_PIN} (default {@code 123456}).
 */
final class DevCaCommand {

    private static final String USAGE = """
            Dùng / usage:
              vnemr devca init DIR [--crl-url=URL] [--ocsp-url=URL]
              vnemr devca issue DIR --name="Nguyễn Văn An" --id=001085012345 --out=FILE [--email=E] [--days=730] [--pin=PIN]
              vnemr devca revoke DIR --cert=FILE.pem [--reason=1]""";

    private DevCaCommand() {
    }

    static int run(String[] args) {
        if (args.length < 2) {
            System.err.println(USAGE);
            return 2;
        }
        Path directory = Path.of(args[1]).toAbsolutePath();
        Map<String, String> options = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                System.err.println("Tham số không hợp lệ / invalid option: " + arg);
                System.err.println(USAGE);
                return 2;
            }
            options.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        char[] password = env("VNEMR_DEVCA_PASSWORD", "vnemr-dev").toCharArray();
        try {
            switch (args[0]) {
                case "init" -> {
                    DevelopmentCa ca = DevelopmentCa.init(directory, password, uri(options.get("crl-url")),
                            uri(options.get("ocsp-url")));
                    System.out.println("CA phát triển đã tạo / development CA created: " + ca.certificatePem());
                    System.out.println(DevelopmentCa.NOT_FOR_PRODUCTION);
                }
                case "issue" -> {
                    String name = required(options, "name");
                    String id = required(options, "id");
                    String out = required(options, "out").replaceAll("\\.(p12|pem)$", "");
                    int days = Integer.parseInt(options.getOrDefault("days", "730"));
                    char[] pin = options.getOrDefault("pin", env("VNEMR_DEVCA_PIN", "123456")).toCharArray();
                    Instant now = Instant.now();
                    CertificateProfile profile;
                    try {
                        profile = CertificateProfile.person(name, id)
                                .withValidity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(days)))
                                .withEmail(options.get("email"));
                    } catch (IllegalArgumentException e) {
                        throw new SigningException("VNEMR-4003", e.getMessage());
                    }
                    IssuedCertificate issued = DevelopmentCa.open(directory, password)
                            .issue(profile, Path.of(out).toAbsolutePath().toString(), pin);
                    System.out.println("Đã cấp / issued: " + issued.certificate().getSubjectX500Principal());
                    System.out.println("  " + issued.pkcs12() + " (PKCS#12, PIN)");
                    System.out.println("  " + issued.pem() + " (PEM)");
                    System.out.println(DevelopmentCa.NOT_FOR_PRODUCTION);
                }
                case "revoke" -> {
                    DevelopmentCa ca = DevelopmentCa.open(directory, password);
                    Path certificateFile = Path.of(required(options, "cert"));
                    var certificate = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory
                            .getInstance("X.509").generateCertificate(Files.newInputStream(certificateFile));
                    ca.revoke(certificate, Instant.now(), Integer.parseInt(options.getOrDefault("reason", "1")));
                    System.out.println("Đã thu hồi / revoked serial " + certificate.getSerialNumber().toString(16)
                            + "; CRL: " + ca.crlPem());
                }
                default -> {
                    System.err.println(USAGE);
                    return 2;
                }
            }
            return 0;
        } catch (SigningException e) {
            System.err.println(e.code() + ": " + e.messageVi());
            System.err.println(e.code() + ": " + e.messageEn());
            return 1;
        } catch (Exception e) {
            System.err.println("devca: " + e.getMessage());
            return 1;
        }
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new SigningException("VNEMR-4003", "--" + name + " is required");
        }
        return value;
    }

    private static URI uri(String value) {
        return value == null ? null : URI.create(value);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}

package org.vnemr.signing.keys;

import org.vnemr.signing.SigningException;
import org.vnemr.signing.certs.RevocationMode;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code vnemr.signing.*} properties (see {@code docs/architecture/signing-keys.md}). Secrets — the facility
 * key's PIN, the remote-signing client token — are never property values: a property names the environment
 * variable ({@code …-env}) or the file ({@code …-file}, e.g. a mounted secret) that holds them.
 */
public final class SigningSettings {

    static final String PREFIX = "vnemr.signing.";

    private final Function<String, String> properties;
    private final Function<String, String> environment;

    /**
     * @param properties   property name (without prefix) → value or {@code null}
     * @param environment  environment variable → value or {@code null} ({@code System::getenv} in production)
     */
    public SigningSettings(Function<String, String> properties, Function<String, String> environment) {
        this.properties = properties;
        this.environment = environment;
    }

    public Optional<String> get(String name) {
        String value = properties.apply(PREFIX + name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String require(String name) {
        return get(name).orElseThrow(() -> new SigningException("VNEMR-4027", PREFIX + name));
    }

    public SignerKind kind(String prefix) {
        return SignerKind.parse(get(prefix + "kind").orElse("pkcs12"));
    }

    public Duration duration(String name, Duration fallback) {
        return get(name).map(Duration::parse).orElse(fallback);
    }

    public Optional<Path> trustDirectory() {
        return get("trust.directory").map(Path::of);
    }

    public RevocationMode revocationMode() {
        return get("revocation").map(v -> RevocationMode.valueOf(v.toUpperCase(java.util.Locale.ROOT)))
                .orElse(RevocationMode.ONLINE);
    }

    public List<Path> crlFiles() {
        return get("crl.files").map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(Path::of).toList()).orElse(List.of());
    }

    public Optional<URI> tsaUrl() {
        return get("tsa.url").map(URI::create);
    }

    public Pkcs11Signer.Pkcs11Settings pkcs11(String prefix) {
        return new Pkcs11Signer.Pkcs11Settings(Path.of(require(prefix + "pkcs11.module")),
                get(prefix + "pkcs11.slot").map(Long::parseLong).orElse(null),
                get(prefix + "pkcs11.slot-list-index").map(Integer::parseInt).orElse(null),
                get(prefix + "pkcs11.alias").orElse(null));
    }

    public RemoteSigner.RemoteSettings remote(String prefix) {
        return new RemoteSigner.RemoteSettings(URI.create(require(prefix + "remote.url")),
                new String(secret(prefix + "remote.token")),
                duration(prefix + "remote.poll-interval", Duration.ofSeconds(2)),
                duration(prefix + "remote.timeout", Duration.ofMinutes(2)));
    }

    /**
     * The secret named by {@code <name>-env} (an environment variable) or {@code <name>-file} (a file whose
     * content, without the final newline, is the secret).
     */
    public char[] secret(String name) {
        Optional<String> variable = get(name + "-env");
        if (variable.isPresent()) {
            String value = environment.apply(variable.get());
            if (value == null || value.isEmpty()) {
                throw new SigningException("VNEMR-4028", "$" + variable.get());
            }
            return value.toCharArray();
        }
        Optional<String> file = get(name + "-file");
        if (file.isPresent()) {
            try {
                return Files.readString(Path.of(file.get()), StandardCharsets.UTF_8).stripTrailing().toCharArray();
            } catch (IOException e) {
                throw new SigningException(e, "VNEMR-4028", file.get());
            }
        }
        throw new SigningException("VNEMR-4027", PREFIX + name + "-env / " + PREFIX + name + "-file");
    }
}

package org.vnemr.fhir.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The official FHIR R4 example resources (npm package {@code hl7.fhir.r4.examples} 4.0.1). Taken from
 * {@code -Dvnemr.r4examples=DIR} when given, otherwise fetched once with {@code npm pack} into
 * {@code ~/.cache/vnemr/r4-examples} (the registry is reachable wherever the build is).
 */
public final class R4Examples {

    private static final String PACKAGE = "hl7.fhir.r4.examples@4.0.1";

    private R4Examples() {
    }

    public static synchronized Path directory() {
        String configured = System.getProperty("vnemr.r4examples");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured);
        }
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "vnemr", "r4-examples");
        Path dir = cache.resolve("package");
        if (Files.isRegularFile(dir.resolve("package.json"))) {
            return dir;
        }
        try {
            Files.createDirectories(cache);
            run(cache, "npm", "pack", "--silent", PACKAGE);
            try (var files = Files.list(cache)) {
                Path tgz = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("npm pack produced no archive"));
                run(cache, "tar", "xzf", tgz.getFileName().toString());
                Files.delete(tgz);
            }
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot fetch " + PACKAGE + ": " + e.getMessage(), e);
        }
    }

    /** Every example resource file (JSON), sorted. */
    public static List<Path> files() {
        try (var files = Files.list(directory())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals("package.json")
                            && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(Path dir, String... command) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}

package org.vnemr.signing.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs the real {@code xmlsec1} (Debian package xmlsec1) to verify a signed XML file independently of Java. */
public final class Xmlsec1 {

    private Xmlsec1() {
    }

    public record Result(int exitCode, String output) {
        public boolean verified() {
            return exitCode == 0;
        }
    }

    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/xmlsec1")),
                "xmlsec1 is not installed (apt-get install xmlsec1); CI installs it");
    }

    /** {@code xmlsec1 --verify --trusted-pem ca.pem file} */
    public static Result verify(Path signedXml, Path trustedPem) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("xmlsec1", "--verify", "--trusted-pem", trustedPem.toString(),
                "--id-attr:Id", "Object", signedXml.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("xmlsec1 did not finish");
        }
        return new Result(process.exitValue(), output);
    }
}

package org.vnemr.signing.pdf;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a Debian command-line tool (pdfsig, xmlsec1) for real; skips the test with a message when it is missing. */
public final class PdfToolAssumptions {

    private PdfToolAssumptions() {
    }

    public static void assumeInstalled(String tool) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                found = true;
                break;
            }
        }
        Assumptions.assumeTrue(found, tool + " is not installed here (apt-get install poppler-utils / xmlsec1); "
                + "CI installs it and runs this test");
    }

    /** Exit code and combined output. */
    public record Run(int exitCode, String output) {
    }

    public static Run run(String... command) {
        try {
            Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command[0] + " timed out");
            }
            return new Run(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

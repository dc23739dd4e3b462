package org.vnemr.signing.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.signing.certs.CertificateValidator;
import org.vnemr.signing.pdf.PdfSignatureReport;
import org.vnemr.signing.pdf.PdfSignatureVerifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Verifies an export offline, without the database: every signed {@code *.pdf} of a directory (its PAdES
 * signatures), and every signed document found in its {@code *.ndjson} files (document Bundle + the Provenances
 * that target its Composition + the Binaries with the signed PDFs) with {@link SignedRecordChecker}. What the
 * certificate check can do offline depends on the validator given (trust list, CRL files).
 */
public final class ExportVerifier {

    /** The verdict on one file or document. */
    public record Result(String name, boolean ok, List<String> problems) {
    }

    private final SignedRecordChecker checker;
    private final PdfSignatureVerifier pdfs;

    public ExportVerifier(CertificateValidator certificates) {
        this.checker = new SignedRecordChecker(certificates);
        this.pdfs = new PdfSignatureVerifier(certificates);
    }

    public List<Result> verify(Path directory) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(directory)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        List<Result> results = new ArrayList<>();
        Map<String, ObjectNode> bundles = new LinkedHashMap<>();
        List<ObjectNode> provenances = new ArrayList<>();
        Map<String, ObjectNode> binaries = new HashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (name.endsWith(".pdf")) {
                results.add(pdf(directory.relativize(file).toString(), Files.readAllBytes(file)));
            } else if (name.endsWith(".ndjson")) {
                try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String line;
                    int n = 0;
                    while ((line = reader.readLine()) != null) {
                        n++;
                        if (line.isBlank()) {
                            continue;
                        }
                        ObjectNode resource;
                        try {
                            resource = FhirJson.parseResource(line);
                        } catch (RuntimeException e) {
                            results.add(new Result(file.getFileName() + ":" + n, false,
                                    List.of("VNEMR-4145 " + e.getMessage())));
                            continue;
                        }
                        switch (resource.path("resourceType").asText()) {
                            case "Bundle" -> {
                                JsonNode first = resource.path("entry").path(0).path("resource");
                                if ("document".equals(resource.path("type").asText())
                                        && "Composition".equals(first.path("resourceType").asText())) {
                                    bundles.put(resource.path("id").asText(), resource);
                                }
                            }
                            case "Provenance" -> provenances.add(resource);
                            case "Binary" -> binaries.put(resource.path("id").asText(), resource);
                            default -> {
                            }
                        }
                    }
                }
            }
        }
        for (ObjectNode bundle : bundles.values()) {
            results.add(document(bundle, provenances, binaries));
        }
        return results;
    }

    private Result pdf(String name, byte[] bytes) {
        List<PdfSignatureReport> reports = pdfs.verify(bytes);
        List<String> problems = new ArrayList<>();
        if (reports.isEmpty()) {
            problems.add("no signature");
        }
        for (PdfSignatureReport r : reports) {
            if (!r.cryptoValid()) {
                problems.add("signature #" + (r.index() + 1) + ": " + r.problem());
            } else if (r.certificateStatus() == null || !r.certificateStatus().trusted()) {
                problems.add("signature #" + (r.index() + 1) + " (" + r.name() + "): certificate "
                        + (r.certificateStatus() == null ? "unreadable" : r.certificateStatus().verdict()));
            }
        }
        if (!reports.isEmpty() && !reports.get(reports.size() - 1).coversWholeDocument()) {
            problems.add("bytes after the last signature are not signed");
        }
        return new Result(name, problems.isEmpty(), problems);
    }

    private Result document(ObjectNode bundle, List<ObjectNode> allProvenances, Map<String, ObjectNode> binaries) {
        String compositionId = bundle.path("entry").path(0).path("resource").path("id").asText();
        String bundleRef = "Bundle/" + bundle.path("id").asText() + "/";
        List<ObjectNode> mine = new ArrayList<>();
        for (ObjectNode p : allProvenances) {
            boolean targetsBundle = false;
            for (JsonNode t : p.path("target")) {
                targetsBundle |= t.path("reference").asText().startsWith(bundleRef);
            }
            if (targetsBundle && p.path("signature").size() > 0) {
                mine.add(p);
            }
        }
        mine.sort(Comparator.comparing(p -> Instant.parse(p.path("signature").path(0).path("when")
                .asText("1970-01-01T00:00:00Z"))));
        List<byte[]> pdfBytes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ObjectNode p : mine) {
            for (JsonNode t : p.path("target")) {
                String ref = t.path("reference").asText();
                if (ref.startsWith("Binary/")) {
                    String id = ref.substring("Binary/".length()).split("/")[0];
                    ObjectNode binary = binaries.get(id);
                    if (binary == null) {
                        problems.add(DocumentVerification.Problem.of("VNEMR-4125", "Binary/" + id).en());
                    } else {
                        pdfBytes.add(Base64.getDecoder().decode(binary.path("data").asText()));
                    }
                }
            }
        }
        DocumentVerification v = checker.check(new SignedRecordChecker.Record(compositionId, bundle, mine, pdfBytes),
                List.of());
        v.problems().forEach(p -> problems.add(p.code() + " " + p.en()));
        StringBuilder name = new StringBuilder("Composition/" + compositionId + " —");
        v.signatures().forEach(s -> name.append(' ').append(s.signer()).append(" (").append(s.role()).append(", ")
                .append(s.signedAt()).append(')'));
        return new Result(name.toString(), problems.isEmpty(), problems);
    }
}

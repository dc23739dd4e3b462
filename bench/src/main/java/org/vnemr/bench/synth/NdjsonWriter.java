package org.vnemr.bench.synth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bulk-import files: one {@code <ResourceType>.ndjson} per type in a directory, one resource per line, with
 * the client-assigned ids and {@code Type/id} references exactly as generated.
 */
public final class NdjsonWriter implements Closeable {

    private final Path dir;
    private final Map<String, OutputStream> files = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();

    public NdjsonWriter(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    public void write(SyntheticPatient patient) throws IOException {
        for (ObjectNode r : patient.resources()) {
            String type = r.get("resourceType").asText();
            OutputStream out = files.get(type);
            if (out == null) {
                out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(type + ".ndjson")), 1 << 16);
                files.put(type, out);
            }
            out.write(FhirJson.bytes(r));
            out.write('\n');
            counts.merge(type, 1L, Long::sum);
        }
    }

    /** Resources written so far, per type. */
    public Map<String, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (OutputStream out : files.values()) {
            try {
                out.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}

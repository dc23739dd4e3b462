package org.vnemr.bench;

import java.nio.file.Path;

/**
 * Imports a directory of NDJSON files ({@code <ResourceType>.ndjson}, one resource per line, client-assigned
 * ids) into the server under test. The application provides it (for example its {@code import} command);
 * the benchmark only times the call.
 */
@FunctionalInterface
public interface BulkImporter {

    void importDirectory(Path ndjsonDirectory) throws Exception;
}

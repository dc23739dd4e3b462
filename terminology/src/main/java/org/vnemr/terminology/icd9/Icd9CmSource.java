package org.vnemr.terminology.icd9;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vnemr.terminology.TerminologySource;
import org.vnemr.terminology.importing.DataFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** ICD-9-CM Vol. 3 (QĐ 4440) from the workbook shipped in {@code terminology/icd9cm/} (see PROVENANCE.md). */
public final class Icd9CmSource implements TerminologySource {

    private static final Logger LOG = LoggerFactory.getLogger(Icd9CmSource.class);
    private static final String IMPORTER_REVISION = "icd9cm-1";
    static final String XLSX = "terminology/icd9cm/icd9cm_vol3_qd4440.xlsx";

    private volatile String version;

    @Override
    public String name() {
        return "icd-9-cm";
    }

    @Override
    public String version() {
        if (version == null) {
            version = DataFiles.digest(IMPORTER_REVISION, XLSX);
        }
        return version;
    }

    @Override
    public List<ObjectNode> resources() {
        try (InputStream in = DataFiles.open(XLSX)) {
            Icd9CmImporter.Result result = Icd9CmImporter.importFrom(in, XLSX);
            LOG.info("ICD-9-CM read: {}", result.stats());
            return result.resources();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

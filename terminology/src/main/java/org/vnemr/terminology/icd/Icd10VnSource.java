package org.vnemr.terminology.icd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vnemr.terminology.TerminologySource;
import org.vnemr.terminology.importing.DataFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** ICD-10 VN from the files shipped in {@code terminology/icd10-vn/} (see PROVENANCE.md there). */
public final class Icd10VnSource implements TerminologySource {

    private static final Logger LOG = LoggerFactory.getLogger(Icd10VnSource.class);
    /** Change when the importer makes different resources from the same files. */
    private static final String IMPORTER_REVISION = "icd10vn-1";
    static final String CSV = "terminology/icd10-vn/icd10_qd4469.csv";
    static final String APPENDIX = "terminology/icd10-vn/icd10_qd4469_appendix.xlsx";

    private volatile String version;

    @Override
    public String name() {
        return "icd10-vn";
    }

    @Override
    public String version() {
        if (version == null) {
            version = DataFiles.digest(IMPORTER_REVISION, CSV, APPENDIX);
        }
        return version;
    }

    @Override
    public List<ObjectNode> resources() {
        try (InputStream csv = DataFiles.open(CSV); InputStream appendix = DataFiles.open(APPENDIX)) {
            Icd10VnImporter.Result result = Icd10VnImporter.importFrom(csv, CSV, appendix, APPENDIX);
            LOG.info("ICD-10 VN read: {}", result.stats());
            return result.resources();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.vnemr.terminology.importing;

import org.vnemr.fhir.error.Messages;

/** A data file that does not have the layout its importer reads (VNEMR-2011), named with the problem. */
public final class DataFileException extends RuntimeException {

    public DataFileException(String file, String problem) {
        this(file, problem, null);
    }

    public DataFileException(String file, String problem, Throwable cause) {
        super(Messages.en("VNEMR-2011", file, problem), cause);
    }
}

package org.vnemr.bench;

import java.time.LocalDate;
import java.util.List;

/**
 * What the query mix needs to know about one patient in the server: its server id, a sample of its
 * Observation ids, and search values taken from the generated data.
 */
record LoadedPatient(String id, List<String> observationIds, String cccd, String foldedName, String foldedFamily,
                     LocalDate birthDate, String gender) {
}

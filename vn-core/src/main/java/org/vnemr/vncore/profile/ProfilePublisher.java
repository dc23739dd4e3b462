package org.vnemr.vncore.profile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.fhir.store.ResourceStore;
import org.vnemr.fhir.store.WriteOptions;
import org.vnemr.fhir.store.WriteRequest;
import org.vnemr.fhir.store.WriteService;

import java.util.List;
import java.util.Optional;

/**
 * Puts the VN Core StructureDefinitions into the store at start-up, so clients read them at
 * {@code /fhir/StructureDefinition/vn-core-patient} (and find them by {@code url}). A definition is written only
 * when it is missing or its {@code version} changed, so restarts add no versions.
 */
public final class ProfilePublisher implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProfilePublisher.class);

    private final WriteService writes;
    private final ResourceStore store;

    public ProfilePublisher(WriteService writes, ResourceStore store) {
        this.writes = writes;
        this.store = store;
    }

    @Override
    public void run(ApplicationArguments args) {
        publish();
    }

    /** Writes the definitions that are missing or changed; the number written. */
    public int publish() {
        List<ObjectNode> definitions = VnCoreProfiles.structureDefinitions();
        int written = 0;
        for (ObjectNode sd : definitions) {
            String id = sd.path("id").asText();
            Optional<String> storedVersion = store.read("StructureDefinition", id)
                    .filter(s -> !s.deleted() && s.json() != null)
                    .map(s -> FhirJson.parseResource(s.json()).path("version").asText());
            if (storedVersion.isPresent() && storedVersion.get().equals(sd.path("version").asText())) {
                continue;
            }
            writes.execute(WriteRequest.update("StructureDefinition", id, sd.deepCopy(), null),
                    new WriteOptions(true, false));
            written++;
        }
        LOG.info("VN Core StructureDefinitions: {} of {} written", written, definitions.size());
        return written;
    }
}

package org.vnemr.vncore.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * vnemr's StructureDefinitions for the VN Core constraints it enforces ({@code vnemr/vncore/profiles/}): the IG's
 * own package is not obtainable, so these are authored here from the IG's pages and say in their descriptions
 * which rules the Java validator enforces. Canonicals are the IG's
 * ({@code http://fhir.hl7.org.vn/core/StructureDefinition/<id>}), version {@code 0.1.0-vnemr}.
 */
public final class VnCoreProfiles {

    static final String FOLDER = "vnemr/vncore/profiles/";

    private VnCoreProfiles() {
    }

    /** Every StructureDefinition shipped, sorted by id. */
    public static List<ObjectNode> structureDefinitions() {
        ObjectMapper mapper = new ObjectMapper();
        List<ObjectNode> out = new ArrayList<>();
        try {
            Resource[] files = new PathMatchingResourcePatternResolver(VnCoreProfiles.class.getClassLoader())
                    .getResources("classpath*:" + FOLDER + "StructureDefinition-*.json");
            for (Resource file : files) {
                try (InputStream in = file.getInputStream()) {
                    out.add((ObjectNode) mapper.readTree(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(java.util.Comparator.comparing(sd -> sd.path("id").asText()));
        return out;
    }
}

package org.vnemr.app;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flyway migrations: one folder per module under {@code db/migration/}, names {@code V<m>_<nnn>__<what>.sql}
 * where {@code m} is the module's number (fhir 1, terminology 2, vn-core 3, signing 4, platform 5, emr 6,
 * bhyt 7, hub 8), and no version used twice across folders.
 */
class MigrationNamesTest {

    private static final Pattern NAME = Pattern.compile("V([1-8])_(\\d{3})__[a-z0-9_]+\\.sql");
    private static final Map<String, String> MODULE_NUMBER = Map.of("fhir", "1", "terminology", "2", "vncore", "3",
            "signing", "4", "platform", "5", "emr", "6", "bhyt", "7", "hub", "8");

    @Test
    void migrations_areNamedByModuleAndNeverReuseAVersion() throws IOException {
        Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/**/*.sql");
        assertThat(resources).isNotEmpty();
        Map<String, String> versions = new HashMap<>();
        for (Resource resource : resources) {
            String url = resource.getURL().toString();
            String folder = url.replaceAll(".*/db/migration/([^/]+)/[^/]+$", "$1");
            String file = resource.getFilename();
            Matcher m = NAME.matcher(file);
            assertThat(m.matches()).as("migration name %s (expected V<module>_<nnn>__<what>.sql)", file).isTrue();
            assertThat(MODULE_NUMBER.get(folder)).as("folder of %s", file).isEqualTo(m.group(1));
            String version = m.group(1) + "_" + m.group(2);
            assertThat(versions.put(version, url)).as("version %s used twice", version).isNull();
        }
    }
}

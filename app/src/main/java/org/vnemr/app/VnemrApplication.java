package org.vnemr.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.vnemr.bhyt.BhytConfiguration;
import org.vnemr.emr.EmrConfiguration;
import org.vnemr.fhir.config.FhirConfiguration;
import org.vnemr.platform.PlatformConfiguration;
import org.vnemr.signing.document.SignedDocumentConfiguration;
import org.vnemr.signing.keys.SigningKeysConfiguration;
import org.vnemr.terminology.TerminologyConfiguration;
import org.vnemr.terminology.catalogue.CatalogueConfiguration;
import org.vnemr.vncore.VnCoreConfiguration;
import org.vnemr.vncore.matching.PatientMatchingConfiguration;

/**
 * vnemr — hồ sơ bệnh án điện tử. {@code java -jar vnemr.jar} serves the facility node on
 * http://localhost:8080 ({@code /fhir} is the FHIR R4 API); {@code import} and {@code bench} are the other
 * commands (see {@link Cli}).
 */
@SpringBootApplication
@Import({FhirConfiguration.class, PlatformConfiguration.class, TerminologyConfiguration.class,
        CatalogueConfiguration.class, VnCoreConfiguration.class, PatientMatchingConfiguration.class,
        SigningKeysConfiguration.class, SignedDocumentConfiguration.class, BhytConfiguration.class, EmrConfiguration.class})
public class VnemrApplication {

    public static void main(String[] args) {
        Cli.main(args);
    }

    /** Starts the server. */
    public static org.springframework.context.ConfigurableApplicationContext serve(String... args) {
        return SpringApplication.run(VnemrApplication.class, args);
    }
}

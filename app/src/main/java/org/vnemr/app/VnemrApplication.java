package org.vnemr.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.vnemr.fhir.config.FhirConfiguration;
import org.vnemr.platform.PlatformConfiguration;

/**
 * vnemr — hồ sơ bệnh án điện tử. {@code java -jar vnemr.jar} serves the facility node on
 * http://localhost:8080 ({@code /fhir} is the FHIR R4 API); {@code import} and {@code bench} are the other
 * commands (see {@link Cli}).
 */
@SpringBootApplication
@Import({FhirConfiguration.class, PlatformConfiguration.class})
public class VnemrApplication {

    public static void main(String[] args) {
        Cli.main(args);
    }

    /** Starts the server. */
    public static org.springframework.context.ConfigurableApplicationContext serve(String... args) {
        return SpringApplication.run(VnemrApplication.class, args);
    }
}

package org.vnemr.platform.privacy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingMessageConverterTest {

    @Test
    void aLoggedSearchWithACccdAndAPhone_isWrittenMasked() {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("test"), Level.INFO,
                "GET /fhir/Patient?identifier={}&phone={}", null, new Object[] {"001085012345", "0912345678"});
        String line = new MaskingMessageConverter().convert(event);
        assertThat(line).isEqualTo("GET /fhir/Patient?identifier=••••••••2345&phone=•••••••678");
    }
}

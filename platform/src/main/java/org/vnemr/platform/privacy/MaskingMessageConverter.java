package org.vnemr.platform.privacy;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Log messages with identity numbers masked ({@link IdMasking#maskIn}): the application's {@code logback-spring.xml}
 * binds {@code %m}/{@code %msg}/{@code %message} to this converter, so no library or module can write a full CCCD,
 * BHYT card, phone or passport number to the logs (a search URL, a validation message, an alert reason).
 */
public class MaskingMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return IdMasking.maskIn(super.convert(event));
    }
}

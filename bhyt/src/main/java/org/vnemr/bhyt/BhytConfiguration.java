package org.vnemr.bhyt;

import org.springframework.context.annotation.Configuration;

/** The insurance export and national-system clients. Feature packages add their beans here. */
@Configuration(proxyBeanMethods = false)
public class BhytConfiguration {
}

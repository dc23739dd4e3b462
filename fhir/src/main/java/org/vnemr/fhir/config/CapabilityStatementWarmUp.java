package org.vnemr.fhir.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks the server for its CapabilityStatement once as soon as it is ready, on a background thread: the
 * first generation (HAPI walks every provider, the JIT compiles the parser) takes seconds, and the first
 * client — usually one checking {@code /fhir/metadata} — should not pay for it. HAPI then caches it.
 */
public class CapabilityStatementWarmUp implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(CapabilityStatementWarmUp.class);

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        int port = web.getWebServer().getPort();
        Thread warm = new Thread(() -> {
            try {
                HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/metadata"))
                        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.discarding());
            } catch (java.io.IOException e) {
                LOG.debug("CapabilityStatement warm-up failed: {}", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "capability-warm-up");
        warm.setDaemon(true);
        warm.start();
    }
}

package org.vnemr.terminology.load;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Runs the loader on its own thread once the application is ready, so the server answers at once while the code
 * systems load (seconds on a first start, a fraction of a second afterwards); terminology requests that arrive
 * meanwhile wait for the index ({@link org.vnemr.terminology.codesystem.TerminologyIndex#awaitReady()}).
 */
public final class TerminologyStartup implements ApplicationListener<ApplicationReadyEvent> {

    private final TerminologyLoader loader;

    public TerminologyStartup(TerminologyLoader loader) {
        this.loader = loader;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Thread t = new Thread(() -> {
            try {
                loader.loadAll();
            } catch (RuntimeException e) {
                // logged and recorded by the loader: terminology requests answer 503 with the reason
            }
        }, "vnemr-terminology-load");
        t.setDaemon(true);
        t.start();
    }
}

package org.vnemr.emr.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.vnemr.emr.charges.ChargeCapture;
import org.vnemr.emr.store.ClinicalStore;
import org.vnemr.platform.account.AccountService;
import org.vnemr.platform.account.AccountStore;
import org.vnemr.terminology.catalogue.Catalogues;
import org.vnemr.terminology.codesystem.TerminologyIndex;
import org.vnemr.vncore.address.AdministrativeUnits;

import java.time.Clock;

/**
 * The demo loader, and {@code vnemr.demo.load=true} ({@code vnemr serve --demo}): load the demo facility in the
 * background once the node has started, so the screens are usable while it loads; progress goes to the log.
 */
@Configuration(proxyBeanMethods = false)
public class DemoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DemoConfiguration.class);

    @Bean
    public DemoLoader demoLoader(ClinicalStore store, ObjectProvider<Catalogues> catalogues, AccountService accounts,
                                 AccountStore accountStore, ObjectProvider<ChargeCapture> chargeCapture,
                                 ObjectProvider<AdministrativeUnits> units,
                                 ObjectProvider<TerminologyIndex> terminology) {
        return new DemoLoader(store, catalogues, accounts, accountStore, chargeCapture,
                units.getIfAvailable(AdministrativeUnits::bundled), Clock.systemUTC()).withTerminology(terminology);
    }

    @Bean
    public ApplicationRunner demoOnStart(DemoLoader loader, Environment env) {
        return args -> {
            if (!env.getProperty("vnemr.demo.load", Boolean.class, false)) {
                return;
            }
            int patients = env.getProperty("vnemr.demo.patients", Integer.class, DemoOptions.DEFAULT_PATIENTS);
            boolean force = env.getProperty("vnemr.demo.force", Boolean.class, false);
            Thread thread = new Thread(() -> {
                try {
                    DemoLoader.Report report = loader.load(DemoOptions.ofSize(patients).withForce(force));
                    LOG.info("Dữ liệu mẫu đã nạp / demo loaded: {} patients in {} s", report.patientsLoaded(),
                            report.took().toSeconds());
                    DemoPrinter.print(report, System.out);
                } catch (DemoRefused e) {
                    LOG.error("{} / {}", e.getMessage(), e.english());
                } catch (RuntimeException e) {
                    LOG.error("Demo load failed", e);
                }
            }, "demo-loader");
            thread.setDaemon(true);
            thread.start();
        };
    }
}

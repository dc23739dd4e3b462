package org.vnemr.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.vnemr.emr.demo.DemoLoader;
import org.vnemr.emr.demo.DemoOptions;
import org.vnemr.emr.demo.DemoPrinter;
import org.vnemr.emr.demo.DemoRefused;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code vnemr demo [--patients=N] [--force] [--property=value …]}: loads the synthetic demo facility (sample
 * catalogues, departments, clinic rooms, beds, staff accounts, N patients with history — 1,000 by default — and
 * today's queue) into the node's database, prints the accounts and their password, and exits. Running it again
 * adds only what is missing. A node that already holds patients that are not demo data is refused unless
 * {@code --force}. {@code vnemr serve --demo} does the same in the background of a running node.
 */
final class DemoCommand {

    private DemoCommand() {
    }

    static int run(String[] args) {
        int patients = DemoOptions.DEFAULT_PATIENTS;
        boolean force = false;
        List<String> springArgs = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--patients=")) {
                try {
                    patients = Integer.parseInt(arg.substring("--patients=".length()));
                } catch (NumberFormatException e) {
                    System.err.println("Số người bệnh không hợp lệ / invalid patient count: " + arg);
                    return 2;
                }
            } else if (arg.equals("--force")) {
                force = true;
            } else {
                springArgs.add(arg);
            }
        }
        SpringApplication app = new SpringApplication(VnemrApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = app.run(springArgs.toArray(String[]::new))) {
            DemoLoader.Report report = context.getBean(DemoLoader.class)
                    .load(DemoOptions.ofSize(patients).withForce(force));
            DemoPrinter.print(report, System.out);
            return 0;
        } catch (DemoRefused e) {
            System.err.println(e.getMessage());
            System.err.println(e.english());
            return 1;
        }
    }

    /** {@code serve --demo} → the property the demo's start-up runner reads. */
    static String[] translateServeFlags(String[] args) {
        List<String> out = new ArrayList<>();
        for (String arg : args) {
            switch (arg) {
                case "--demo" -> out.add("--vnemr.demo.load=true");
                case "--force" -> out.add("--vnemr.demo.force=true");
                default -> out.add(arg.startsWith("--patients=")
                        ? "--vnemr.demo.patients=" + arg.substring("--patients=".length()) : arg);
            }
        }
        return out.toArray(String[]::new);
    }
}

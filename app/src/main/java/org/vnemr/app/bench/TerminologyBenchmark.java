package org.vnemr.app.bench;

import org.springframework.context.ConfigurableApplicationContext;
import org.vnemr.app.VnemrApplication;
import org.vnemr.bench.LatencyStats;
import org.vnemr.terminology.codesystem.TerminologyIndex;
import org.hl7.fhir.r4.model.ValueSet;
import org.vnemr.terminology.icd.Icd10VnImporter;
import org.vnemr.terminology.valueset.ValueSetExpander;
import org.vnemr.terminology.valueset.ValueSetResolver;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code vnemr bench terminology [--iterations=N] [--warmup=W] [--url=http://host:port/fhir] [--property=value …]}:
 * times {@code ValueSet/$expand} with a diacritic-free {@code filter} over ICD-10 VN, the search box of every
 * diagnosis form. Without {@code --url} it starts the server in this JVM on {@code bench-data/home} (so the second
 * run shows a restart with ICD-10 already loaded) and prints how long the server and the terminology load took.
 * Prints p50/p95/max per query; a measurement, never a pass/fail test.
 */
public final class TerminologyBenchmark {

    private static final List<String> FILTERS = List.of("viem phoi", "tang huyet ap", "dai thao duong", "gay xuong",
            "J18");

    private TerminologyBenchmark() {
    }

    public static int run(String[] args) throws Exception {
        int iterations = 200;
        int warmup = 50;
        String url = null;
        List<String> springArgs = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--iterations=")) {
                iterations = Integer.parseInt(arg.substring("--iterations=".length()));
            } else if (arg.startsWith("--warmup=")) {
                warmup = Integer.parseInt(arg.substring("--warmup=".length()));
            } else if (arg.startsWith("--url=")) {
                url = arg.substring("--url=".length());
            } else {
                springArgs.add(arg);
            }
        }
        if (url != null) {
            measure(url, iterations, warmup);
            return 0;
        }
        if (System.getenv("VNEMR_HOME") == null && springArgs.stream().noneMatch(a -> a.startsWith("--vnemr.home="))) {
            springArgs.add("--vnemr.home=bench-data/home");
        }
        if (springArgs.stream().noneMatch(a -> a.startsWith("--server.port="))) {
            springArgs.add("--server.port=0");
        }
        // the benchmark's own node on its own data directory measures the store, not the token exchange; a real
        // node keeps security on (the default) and --vnemr.security.enabled=true here measures with it
        if (springArgs.stream().noneMatch(a -> a.startsWith("--vnemr.security.enabled="))) {
            springArgs.add("--vnemr.security.enabled=false");
        }
        if (springArgs.stream().noneMatch(a -> a.startsWith("--vnemr.rate-limit.enabled="))) {
            springArgs.add("--vnemr.rate-limit.enabled=false"); // its clients are meant to go as fast as they can
        }
        long t0 = System.nanoTime();
        try (ConfigurableApplicationContext context = VnemrApplication.serve(springArgs.toArray(String[]::new))) {
            long up = System.nanoTime();
            context.getBean(TerminologyIndex.class).awaitReady();
            long ready = System.nanoTime();
            System.out.printf("server started in %d ms; terminology ready %d ms later%n", (up - t0) / 1_000_000,
                    (ready - up) / 1_000_000);
            String port = context.getEnvironment().getProperty("local.server.port");
            measure("http://localhost:" + port + "/fhir", iterations, warmup);
            measureInProcess(context, iterations, warmup);
        }
        return 0;
    }

    private static void measure(String base, int iterations, int warmup) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        System.out.printf("ValueSet/$expand over ICD-10 VN, count=20, %d iterations after %d warm-up (ms)%n",
                iterations, warmup);
        System.out.printf("%-16s %6s %8s %8s %8s %8s  %s%n", "filter", "total", "p50", "p95", "max", "mean",
                "first result");
        for (String filter : FILTERS) { // warm every path first, so the first query measured is not the JIT's
            HttpRequest request = HttpRequest.newBuilder(expandUri(base, filter)).GET().build();
            for (int i = 0; i < warmup; i++) {
                send(http, request);
            }
        }
        lookupBaseline(http, base, iterations, warmup);
        for (String filter : FILTERS) {
            URI uri = URI.create(base + "/ValueSet/$expand?url="
                    + URLEncoder.encode(Icd10VnImporter.VALUE_SET_URL, StandardCharsets.UTF_8) + "&filter="
                    + URLEncoder.encode(filter, StandardCharsets.UTF_8) + "&count=20");
            HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "application/fhir+json")
                    .timeout(Duration.ofMinutes(5)).GET().build();
            String body = null;
            for (int i = 0; i < warmup; i++) {
                body = send(http, request);
            }
            long[] nanos = new long[iterations];
            for (int i = 0; i < iterations; i++) {
                long start = System.nanoTime();
                body = send(http, request);
                nanos[i] = System.nanoTime() - start;
            }
            LatencyStats stats = LatencyStats.ofNanos(nanos);
            System.out.printf("%-16s %6s %8.2f %8.2f %8.2f %8.2f  %s%n", filter, field(body, "\"total\":", ','),
                    stats.p50(), stats.p95(), stats.max(), stats.mean(), field(body, "\"display\":\"", '"'));
        }
    }

    /** The same searches straight on the expander: the server's own work per request, without HTTP and HAPI. */
    private static void measureInProcess(ConfigurableApplicationContext context, int iterations, int warmup) {
        ValueSetExpander expander = context.getBean(ValueSetExpander.class);
        ValueSet vs = context.getBean(ValueSetResolver.class).byUrl(Icd10VnImporter.VALUE_SET_URL, null);
        System.out.printf("in-process ValueSetExpander.expand, count=20 (ms)%n");
        for (String filter : FILTERS) {
            for (int i = 0; i < warmup; i++) {
                expander.expand(vs, filter, false, false, 0, 20);
            }
            long[] nanos = new long[iterations];
            for (int i = 0; i < iterations; i++) {
                long start = System.nanoTime();
                expander.expand(vs, filter, false, false, 0, 20);
                nanos[i] = System.nanoTime() - start;
            }
            LatencyStats stats = LatencyStats.ofNanos(nanos);
            System.out.printf("%-16s %8.3f %8.3f %8.3f%n", filter, stats.p50(), stats.p95(), stats.max());
        }
    }

    private static String send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " → " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static URI expandUri(String base, String filter) {
        return URI.create(base + "/ValueSet/$expand?url="
                + URLEncoder.encode(Icd10VnImporter.VALUE_SET_URL, StandardCharsets.UTF_8) + "&filter="
                + URLEncoder.encode(filter, StandardCharsets.UTF_8) + "&count=20");
    }

    /** {@code CodeSystem/$lookup} of one code: what HTTP and HAPI cost on this machine now, for comparison. */
    private static void lookupBaseline(HttpClient http, String base, int iterations, int warmup) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/CodeSystem/$lookup?system="
                        + URLEncoder.encode(Icd10VnImporter.URL, StandardCharsets.UTF_8) + "&code=J18.9"))
                .timeout(Duration.ofMinutes(5)).GET().build();
        for (int i = 0; i < warmup; i++) {
            send(http, request);
        }
        long[] nanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            send(http, request);
            nanos[i] = System.nanoTime() - start;
        }
        LatencyStats stats = LatencyStats.ofNanos(nanos);
        System.out.printf("%-16s %6s %8.2f %8.2f %8.2f %8.2f  (baseline: $lookup J18.9)%n", "-", "-", stats.p50(),
                stats.p95(), stats.max(), stats.mean());
    }

    private static String field(String json, String prefix, char end) {
        int i = json == null ? -1 : json.indexOf(prefix);
        if (i < 0) {
            return "-";
        }
        int from = i + prefix.length();
        int to = json.indexOf(end, from);
        return to < 0 ? "-" : json.substring(from, to);
    }
}

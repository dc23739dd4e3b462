package org.vnemr.fhir.testing;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.vnemr.fhir.config.FhirConfiguration;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The FHIR API on a real HTTP port over a fresh real database, for {@code …IT} tests: start one per test class,
 * talk to it with {@link #send}.
 */
public final class FhirTestServer implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    private FhirTestServer(ConfigurableApplicationContext context) {
        this.context = context;
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        this.base = "http://localhost:" + port + "/fhir";
    }

    public static FhirTestServer start(String... properties) {
        return start(TestDatabase.fresh(), properties);
    }

    /**
     * The API with the Spring configurations of modules above {@code fhir} (terminology operations, VN Core
     * validators, signing guards …) over a fresh database.
     */
    public static FhirTestServer startWith(java.util.List<Class<?>> configurations, String... properties) {
        return start(TestDatabase.fresh(), configurations, properties);
    }

    /** The API over a given database (e.g. one a killed server left behind). */
    public static FhirTestServer start(DataSource ds, String... properties) {
        return start(ds, java.util.List.of(), properties);
    }

    private static FhirTestServer start(DataSource ds, java.util.List<Class<?>> configurations,
                                        String... properties) {
        SpringApplication app = new SpringApplication(TestApp.class);
        app.addPrimarySources(configurations);
        app.addInitializers(ctx -> ctx.getBeanFactory().registerSingleton("dataSource", ds));
        return new FhirTestServer(app.run(arguments(properties)));
    }

    /**
     * The command line of a test server. Security and rate limits are on by default in the product; a test server
     * turns them off unless the test says otherwise — only once, because Spring joins a repeated argument into "false,true".
     */
    static String[] arguments(String... properties) {
        java.util.List<String> args = new java.util.ArrayList<>();
        boolean portGiven = java.util.Arrays.stream(properties).anyMatch(p -> p.startsWith("--server.port="));
        args.add(portGiven ? "--spring.jmx.enabled=false" : "--server.port=0");
        args.add("--spring.flyway.enabled=false");
        args.add("--spring.main.banner-mode=off");
        for (String off : java.util.List.of("--vnemr.security.enabled=", "--vnemr.rate-limit.enabled=")) {
            if (java.util.Arrays.stream(properties).noneMatch(p -> p.startsWith(off))) {
                args.add(off + "false");
            }
        }
        args.addAll(java.util.List.of(properties));
        return args.toArray(String[]::new);
    }

    public String base() {
        return base;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** A bean by name, when several share a type (e.g. Spring MVC's handler mappings). */
    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    public FhirContext fhirContext() {
        return context.getBean(FhirContext.class);
    }

    /** Sends a request; {@code path} is relative to /fhir (e.g. "Patient/1"); headers as name→value. */
    public Response send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + "/" + path))
                .timeout(Duration.ofSeconds(120));
        boolean hasContentType = headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Content-Type"));
        if (body != null && !hasContentType) {
            builder.header("Content-Type", "application/fhir+json");
        }
        headers.forEach(builder::header);
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(builder.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Response post(String path, String body) {
        return send("POST", path, body, Map.of());
    }

    public Response put(String path, String body) {
        return send("PUT", path, body, Map.of());
    }

    @Override
    public void close() {
        context.close();
    }

    /** An HTTP answer. */
    public record Response(int status, String body, Map<String, java.util.List<String>> headers) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /**
     * Runs the API in its own JVM, so a test can kill it with SIGKILL: args are JDBC URL, user, password, port.
     */
    public static void main(String[] args) {
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setUsername(args[1]);
        config.setPassword(args[2]);
        start(new com.zaxxer.hikari.HikariDataSource(config), "--server.port=" + args[3]);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration(exclude = DataSourceAutoConfiguration.class)
    @Import(FhirConfiguration.class)
    static class TestApp {
    }

}

package org.vnemr.fhir.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.vnemr.fhir.db.EmbeddedPostgres;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real PostgreSQL databases for integration tests. By default one embedded PostgreSQL 17 per test JVM
 * (in {@code target/test-pg}); with {@code -Dvnemr.test.db.url=jdbc:postgresql://host:port/postgres} (plus
 * {@code .user} and {@code .password}) an external server instead, e.g. Debian's in CI. The migrations run
 * once into a template database; {@link #fresh()} clones it, so each test class starts from an empty store.
 */
public final class TestDatabase {

    private static final String TEMPLATE = "vnemr_template";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static String baseUrl;
    private static String user;
    private static String password;

    private TestDatabase() {
    }

    /** A new, migrated, empty database; the pool is closed when the JVM ends. */
    public static synchronized HikariDataSource fresh() {
        ensureTemplate();
        String name = "vnemr_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        admin("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return pool(urlOf(name));
    }

    /** JDBC URL, user and password of the server, for tests that start the whole application. */
    public static synchronized String[] freshConnection() {
        ensureTemplate();
        String name = "vnemr_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        admin("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return new String[] {urlOf(name), user, password};
    }

    public static boolean isExternal() {
        return System.getProperty("vnemr.test.db.url") != null;
    }

    private static void ensureTemplate() {
        if (baseUrl != null) {
            return;
        }
        String external = System.getProperty("vnemr.test.db.url");
        if (external != null) {
            baseUrl = external;
            user = System.getProperty("vnemr.test.db.user", "postgres");
            password = System.getProperty("vnemr.test.db.password", "");
        } else {
            EmbeddedPostgres pg = EmbeddedPostgres.start(Path.of("target", "test-pg").toAbsolutePath(), 0);
            baseUrl = pg.jdbcUrl("postgres");
            user = pg.user();
            password = pg.password();
        }
        admin("DROP DATABASE IF EXISTS " + TEMPLATE + "_" + ProcessHandle.current().pid());
        String template = TEMPLATE + "_" + ProcessHandle.current().pid();
        admin("CREATE DATABASE " + template);
        try (HikariDataSource ds = pool(urlOf(template))) {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").outOfOrder(true).load().migrate();
        }
        templateName = template;
    }

    private static String templateName;

    private static void admin(String sql) {
        String resolved = sql.replace(" TEMPLATE " + TEMPLATE, " TEMPLATE " + templateName);
        try (Connection c = DriverManager.getConnection(baseUrl, user, password); Statement s = c.createStatement()) {
            s.execute(resolved);
        } catch (SQLException e) {
            throw new IllegalStateException(resolved + ": " + e.getMessage(), e);
        }
    }

    private static String urlOf(String database) {
        int slash = baseUrl.lastIndexOf('/');
        int query = baseUrl.indexOf('?', slash);
        return baseUrl.substring(0, slash + 1) + database + (query > 0 ? baseUrl.substring(query) : "");
    }

    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true");
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(0);
        return new HikariDataSource(config);
    }

}

package org.vnemr.app.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.vnemr.fhir.db.EmbeddedPostgres;

import javax.sql.DataSource;
import java.nio.file.Path;

/**
 * The database: an external PostgreSQL when {@code VNEMR_DB_URL} (with {@code VNEMR_DB_USER},
 * {@code VNEMR_DB_PASSWORD}) is set — how production runs — otherwise a real PostgreSQL 17 started from the
 * bundled binaries with its data under {@code $VNEMR_HOME/postgres} ({@code ./data} by default), kept
 * across restarts.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    public DataSource dataSource(Environment env) {
        String url = env.getProperty("VNEMR_DB_URL", env.getProperty("vnemr.db.url"));
        HikariConfig config = new HikariConfig();
        config.setPoolName("vnemr");
        config.setMaximumPoolSize(env.getProperty("vnemr.db.pool-size", Integer.class, 16));
        if (url != null && !url.isBlank()) {
            LOG.info("Using the external PostgreSQL at {}", url.replaceAll("password=[^&]*", "password=***"));
            config.setJdbcUrl(withBatchRewrite(url));
            config.setUsername(env.getProperty("VNEMR_DB_USER", env.getProperty("vnemr.db.user", "vnemr")));
            config.setPassword(env.getProperty("VNEMR_DB_PASSWORD", env.getProperty("vnemr.db.password", "")));
            return new HikariDataSource(config);
        }
        Path home = Path.of(env.getProperty("vnemr.home", env.getProperty("VNEMR_HOME", "data")));
        int port = env.getProperty("vnemr.db.embedded-port", Integer.class, 0);
        EmbeddedPostgres postgres = EmbeddedPostgres.start(home.resolve("postgres"), port);
        postgres.createDatabaseIfMissing("vnemr");
        config.setJdbcUrl(withBatchRewrite(postgres.jdbcUrl("vnemr")));
        config.setUsername(postgres.user());
        config.setPassword(postgres.password());
        return new EmbeddedDataSource(config, postgres);
    }

    private static String withBatchRewrite(String url) {
        return url.contains("reWriteBatchedInserts") ? url
                : url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }

    /** The pool that also stops the embedded server when the application closes. */
    static final class EmbeddedDataSource extends HikariDataSource {

        private final transient EmbeddedPostgres postgres;

        EmbeddedDataSource(HikariConfig config, EmbeddedPostgres postgres) {
            super(config);
            this.postgres = postgres;
        }

        @Override
        public void close() {
            super.close();
            postgres.close();
        }
    }
}

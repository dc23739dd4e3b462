package org.vnemr.fhir.testing;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class TestDatabaseIT {

    @Test
    void fresh_givesAMigratedEmptyStore() {
        try (var ds = TestDatabase.fresh()) {
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM \"patient\"", Integer.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'",
                    Integer.class)).isEqualTo(1);
        }
    }
}

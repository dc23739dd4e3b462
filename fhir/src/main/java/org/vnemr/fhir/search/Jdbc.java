package org.vnemr.fhir.search;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

/** Runs {@link Sql} with its arguments bound by type: {@code String[]} as {@code text[]}, the rest natively. */
final class Jdbc {

    private final JdbcTemplate template;

    Jdbc(DataSource dataSource) {
        this.template = new JdbcTemplate(dataSource);
    }

    <T> List<T> query(Sql sql, RowMapper<T> mapper) throws DataAccessException {
        return template.query(con -> {
            PreparedStatement ps = con.prepareStatement(sql.text());
            bind(ps, sql.args());
            return ps;
        }, mapper);
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object arg = args.get(i);
            int index = i + 1;
            if (arg instanceof String[] array) {
                ps.setArray(index, ps.getConnection().createArrayOf("text", array));
            } else if (arg instanceof String text) {
                ps.setString(index, text);
            } else if (arg instanceof BigDecimal number) {
                ps.setBigDecimal(index, number);
            } else if (arg instanceof OffsetDateTime time) {
                ps.setObject(index, time);
            } else if (arg instanceof Integer number) {
                ps.setInt(index, number);
            } else {
                throw new IllegalArgumentException("unsupported SQL argument type " + arg.getClass());
            }
        }
    }
}

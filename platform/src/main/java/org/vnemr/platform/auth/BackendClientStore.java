package org.vnemr.platform.auth;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Array;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The only SQL of {@code backend_client} and {@code client_assertion_seen}. */
public final class BackendClientStore {

    private static final String SQL_SELECT_CLIENT =
            "SELECT client_id, name, jwks, roles, scope, disabled FROM backend_client WHERE client_id = ?";
    private static final String SQL_INSERT_CLIENT =
            "INSERT INTO backend_client (client_id, name, jwks, roles, scope) VALUES (?, ?, ?, ?, ?)";
    private static final String SQL_DELETE_EXPIRED_ASSERTIONS = "DELETE FROM client_assertion_seen WHERE expires < ?";
    private static final String SQL_INSERT_ASSERTION = """
            INSERT INTO client_assertion_seen (client_id, jti, expires) VALUES (?, ?, ?)
            ON CONFLICT DO NOTHING""";

    /** A registered system: its public keys (JWKS JSON), the roles it acts in, the widest scope it may get. */
    public record BackendClient(String clientId, String name, String jwks, List<String> roles, String scope,
                                boolean disabled) {
    }

    private final JdbcTemplate jdbc;

    public BackendClientStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<BackendClient> find(String clientId) {
        return jdbc.query(SQL_SELECT_CLIENT, (rs, n) -> {
            Array roles = rs.getArray("roles");
            return new BackendClient(rs.getString("client_id"), rs.getString("name"), rs.getString("jwks"),
                    roles == null ? List.of() : Arrays.asList((String[]) roles.getArray()), rs.getString("scope"),
                    rs.getBoolean("disabled"));
        }, clientId).stream().findFirst();
    }

    public void register(String clientId, String name, String jwks, List<String> roles, String scope) {
        jdbc.update(connection -> {
            var ps = connection.prepareStatement(SQL_INSERT_CLIENT);
            ps.setString(1, clientId);
            ps.setString(2, name);
            ps.setString(3, jwks);
            ps.setArray(4, connection.createArrayOf("text", roles.toArray()));
            ps.setString(5, scope);
            return ps;
        });
    }

    /** Remembers an assertion id until it expires; false if it was seen before (a replay). */
    public boolean firstUse(String clientId, String jti, Instant expires, Instant now) {
        jdbc.update(SQL_DELETE_EXPIRED_ASSERTIONS, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        return jdbc.update(SQL_INSERT_ASSERTION, clientId, jti, OffsetDateTime.ofInstant(expires, ZoneOffset.UTC)) == 1;
    }
}

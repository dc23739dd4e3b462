package org.vnemr.platform.audit;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Kiểm tra chuỗi băm: reads {@code audit_log} in seq order (streamed with a cursor, so a table of a hundred million
 * rows needs no memory) and checks each row against the one before: seq follows without a gap, prev_hash is the
 * previous row's hash, and the row's own hash matches its content. Stops at the first broken link and names it.
 */
public final class AuditChainVerifier {

    private static final String SQL_SELECT_ALL = "SELECT " + AuditRows.COLUMNS + " FROM audit_log ORDER BY seq";

    private final DataSource dataSource;

    public AuditChainVerifier(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What verification found. {@code brokenSeq} is null when the chain is intact. */
    public record Result(long rowsChecked, Long brokenSeq, String problem, String expected, String found,
                         long lastSeq, String lastHash) {

        public boolean intact() {
            return brokenSeq == null;
        }
    }

    public Result verify() {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            // a cursor (fetch size) needs a transaction; REPEATABLE READ sees one snapshot while the server writes on
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try (PreparedStatement select = connection.prepareStatement(SQL_SELECT_ALL)) {
                select.setFetchSize(2_000);
                try (ResultSet rs = select.executeQuery()) {
                    return walk(rs);
                }
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("VNEMR-5004: cannot read the audit trail: " + e.getMessage(), e);
        }
    }

    private static Result walk(ResultSet rs) throws SQLException {
        long checked = 0;
        long expectedSeq = 1;
        String prevHash = AuditChain.GENESIS;
        while (rs.next()) {
            AuditRow row = AuditRows.map(rs);
            if (row.seq() != expectedSeq) {
                return new Result(checked, row.seq(), "gap", "seq " + expectedSeq, "seq " + row.seq(),
                        expectedSeq - 1, prevHash);
            }
            if (!prevHash.equals(row.prevHash())) {
                return new Result(checked, row.seq(), "link", prevHash, row.prevHash(), expectedSeq - 1, prevHash);
            }
            String expectedHash = AuditChain.expectedHash(prevHash, row);
            if (!expectedHash.equals(row.hash())) {
                return new Result(checked, row.seq(), "content", expectedHash, row.hash(), expectedSeq - 1, prevHash);
            }
            checked++;
            expectedSeq++;
            prevHash = row.hash();
        }
        return new Result(checked, null, null, null, null, expectedSeq - 1, prevHash);
    }
}

package io.tollway.infrastructure.persistence.jpa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The {@code usage_report} table as the migrations make it, and the plans of the repository's queries over it. */
final class UsageReportTable {

    private UsageReportTable() {
    }

    static void create(Statement ddl) throws SQLException {
        ddl.execute("create table usage_report (id bigserial primary key, agreement_id varchar(36) not null,"
                + " idempotency_key varchar(100) not null, amount numeric(78,0) not null, reported_at timestamptz not null,"
                + " bill_number integer, constraint usage_report_key unique (agreement_id, idempotency_key))");
        ddl.execute("create index usage_report_unbilled_idx on usage_report (agreement_id) where bill_number is null");
    }

    /** The plan of {@code sql} run with these lists, each as one array parameter. */
    static String plan(Connection connection, String explain, String sql, List<List<String>> arrays) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("explain (" + explain + ") " + sql)) {
            for (int i = 0; i < arrays.size(); i++) {
                statement.setString(i + 1, JpaAgreementRepository.arrayOf(arrays.get(i)));
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }
}

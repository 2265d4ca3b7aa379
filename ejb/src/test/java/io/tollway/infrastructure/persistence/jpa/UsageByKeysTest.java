package io.tollway.infrastructure.persistence.jpa;

import io.tollway.devkit.EmbeddedDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's lookup of usage reports by key, on a real PostgreSQL: each agreement is asked
 * with its own key only, so another agreement's key finds nothing, and the unique index is probed
 * once per key: not with every agreement and every key, nor a scan of the whole table.
 */
class UsageByKeysTest {

    @Test
    void findsEachAgreementWithItsOwnKeyAndProbesTheIndexOncePerKey() throws SQLException {
        try (EmbeddedDatabase database = EmbeddedDatabase.start();
             Connection connection = database.connect()) {
            try (Statement ddl = connection.createStatement()) {
                UsageReportTable.create(ddl);
                ddl.execute("insert into usage_report (agreement_id, idempotency_key, amount, reported_at)"
                        + " select 'a-' || (n % 100), 'k-' || n, n, now() from generate_series(1, 20000) n");
                // the same keys crosswise: a-1 also has k-2 and a-2 also has k-1, neither asked for
                ddl.execute("insert into usage_report (agreement_id, idempotency_key, amount, reported_at)"
                        + " values ('a-1', 'k-2', 1, now()), ('a-2', 'k-1', 1, now())");
                ddl.execute("analyze usage_report");
            }
            List<String> agreements = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (int n = 1; n <= 100; n++) {
                agreements.add("a-" + (n % 100));
                keys.add("k-" + n);
            }

            assertThat(found(connection, agreements, keys)).hasSize(100).contains("a-1/k-1", "a-2/k-2")
                    .doesNotContain("a-1/k-2", "a-2/k-1");
            assertThat(UsageReportTable.plan(connection, "analyze, costs off", JpaAgreementRepository.USAGE_BY_KEYS, List.of(agreements, keys))).as("one probe of the unique index per key asked, never the whole table")
                    .containsPattern("Index Scan using usage_report_key on usage_report r \\(actual [^)]*loops=100\\)")
                    .doesNotContain("Seq Scan");
        }
    }

    private static List<String> found(Connection connection, List<String> agreements, List<String> keys) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(JpaAgreementRepository.USAGE_BY_KEYS)) {
            query.setString(1, JpaAgreementRepository.arrayOf(agreements));
            query.setString(2, JpaAgreementRepository.arrayOf(keys));
            List<String> found = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString("agreement_id") + "/" + rows.getString("idempotency_key"));
                }
            }
            return found;
        }
    }
}

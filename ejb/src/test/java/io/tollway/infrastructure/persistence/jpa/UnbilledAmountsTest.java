package io.tollway.infrastructure.persistence.jpa;

import io.tollway.devkit.EmbeddedDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's sums of unbilled usage, on a real PostgreSQL: each asked agreement's reports
 * without a bill, and the agreements asked for are read once per statement even when the planner
 * scans the whole table, as it does while the table's statistics are older than its rows. The
 * old "agreement_id = any(cast(? as varchar[]))" parsed the array for each row then: 700 ms here.
 */
class UnbilledAmountsTest {

    private static final int AGREEMENTS = 100;

    @Test
    void sumsEachAskedAgreementsUnbilledUsageAndReadsTheAgreementsOnceEvenInAScanOfTheTable() throws SQLException {
        try (EmbeddedDatabase database = EmbeddedDatabase.start();
             Connection connection = database.connect()) {
            try (Statement ddl = connection.createStatement()) {
                UsageReportTable.create(ddl);
                ddl.execute("analyze usage_report"); // empty: the statistics are older than the rows below
                ddl.execute("insert into usage_report (agreement_id, idempotency_key, amount, reported_at)"
                        + " select " + agreementOf("n % " + AGREEMENTS) + ", 'k-' || n, 2, now() from generate_series(1, 30000) n");
                // billed usage of agreement 1 and unbilled usage of an agreement nobody asks for
                ddl.execute("insert into usage_report (agreement_id, idempotency_key, amount, reported_at, bill_number)"
                        + " values (" + agreementOf("1") + ", 'billed', 1000, now(), 1), (" + agreementOf("100") + ", 'other', 7, now(), null)");
            }
            List<String> asked = new ArrayList<>();
            for (int n = 0; n < AGREEMENTS; n++) {
                asked.add(String.format("agreement-%026d", n));
            }

            Map<String, Long> sums = sums(connection, asked);
            assertThat(sums).hasSize(AGREEMENTS).doesNotContainKey(String.format("agreement-%026d", 100));
            assertThat(sums.values()).as("300 reports of 2 each, the billed one left out").containsOnly(600L);

            try (Statement settings = connection.createStatement()) {
                settings.execute("set enable_indexscan = off");
                settings.execute("set enable_bitmapscan = off");
            }
            assertThat(UsageReportTable.plan(connection, "costs off", JpaAgreementRepository.UNBILLED_AMOUNTS, List.of(asked))).as("a scan of the table meets the agreements asked for in a hash, read once")
                    .contains("Seq Scan on usage_report").contains("Hash").doesNotContain("ANY");
            assertThat(sums(connection, asked)).isEqualTo(sums);
        }
    }

    private static String agreementOf(String number) {
        return "'agreement-' || lpad((" + number + ")::text, 26, '0')";
    }

    private static Map<String, Long> sums(Connection connection, List<String> agreements) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(JpaAgreementRepository.UNBILLED_AMOUNTS)) {
            query.setString(1, JpaAgreementRepository.arrayOf(agreements));
            Map<String, Long> sums = new HashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    sums.put(rows.getString(1), rows.getLong(2));
                }
            }
            return sums;
        }
    }
}

package io.tollway.infrastructure.persistence.jpa;

import io.tollway.devkit.EmbeddedDatabase;
import io.tollway.infrastructure.persistence.migration.SchemaMigration;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each escrow agreement's unbilled usage, kept in a row of its own (V15), on a real PostgreSQL with the real
 * migrations: the migration counts the usage stored before it, the reports' insert raises it and a
 * bill's charge lowers it by exactly the rows each statement touched (a replayed key, a report
 * charged twice: nothing), and the usage lock answers it, as of the lock: a request that waited for
 * it sees the usage the holder stored. After every step it equals the sum of the agreement's
 * reports without a bill, which the cap check used to add up for every report.
 */
class UnbilledUsageTest {

    private static EmbeddedDatabase database;

    @BeforeAll
    static void migrateWithUsageStoredBeforeV15() throws SQLException {
        database = EmbeddedDatabase.start();
        Flyway.configure(SchemaMigration.class.getClassLoader()).dataSource(database.dataSource())
                .locations("classpath:db/migration").table("tollway_schema_history").target("14").load().migrate();
        execute("insert into offering (id, provider_id, name, settlement_model, status, submitted_at, version, escrow_setup_fee,"
                + " escrow_base_fee_per_hour, escrow_variable_fee_per_hour, escrow_lockup_seconds, escrow_uptime_arbitration)"
                + " values ('offering', 'p', 'VPN', 'ESCROW', 'PUBLISHED', now(), 0, 1000, 3600, 7200, 0, false)");
        for (String agreement : List.of("escrow-old", "channel-old", "escrow-a", "escrow-b", "escrow-c")) {
            agreement(agreement);
        }
        // usage stored before V15: two unbilled reports and a billed one; a channel's units, never billed
        execute("insert into usage_report (agreement_id, idempotency_key, amount, reported_at, bill_number) values"
                + " ('escrow-old', 'k1', 2, now(), null), ('escrow-old', 'k2', 3, now(), null), ('escrow-old', 'k3', 1000, now(), 1),"
                + " ('channel-old', 'u1', 7, now(), null)");
        SchemaMigration.migrate(database.dataSource());
    }

    @AfterAll
    static void stop() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theMigrationCountsEachEscrowAgreementsUsageWithoutABill() throws SQLException {
        try (Connection connection = database.connect()) {
            assertThat(unbilled(connection, List.of("escrow-old", "channel-old"))).containsExactly(Map.entry("channel-old", 0L),
                    Map.entry("escrow-old", 5L));
        }
    }

    @Test
    void reportsRaiseAndChargesLowerItByExactlyTheRowsTheyTouched() throws SQLException {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            assertThat(report(connection, List.of("escrow-a", "escrow-a", "escrow-b"), List.of("k1", "k2", "k1"), List.of(5, 7, 11)))
                    .isEqualTo(3);
            assertThat(unbilled(connection, List.of("escrow-b", "escrow-a", "no-such-agreement")))
                    .as("in id order, an unknown agreement left out").containsExactly(Map.entry("escrow-a", 12L), Map.entry("escrow-b", 11L));

            assertThat(report(connection, List.of("escrow-a", "escrow-a"), List.of("k2", "k3"), List.of(7, 1)))
                    .as("k2 is stored already: only k3 is added").isEqualTo(1);
            assertThat(unbilled(connection, List.of("escrow-a"))).containsEntry("escrow-a", 13L);

            List<Long> k1AndK3 = reportIds(connection, "escrow-a", "k1", "k3");
            assertThat(charge(connection, "escrow-a", 1, k1AndK3)).isEqualTo(2);
            assertThat(unbilled(connection, List.of("escrow-a"))).as("13 - 5 - 1").containsEntry("escrow-a", 7L);
            assertThat(charge(connection, "escrow-a", 2, k1AndK3)).as("charged by bill 1 already").isZero();
            assertThat(unbilled(connection, List.of("escrow-a", "escrow-b"))).containsExactly(Map.entry("escrow-a", 7L),
                    Map.entry("escrow-b", 11L));

            assertThat(unbilled(connection, List.of("escrow-a", "escrow-b")))
                    .as("the sum the cap check used to add up").isEqualTo(sumsWithoutABill(connection, "escrow-a", "escrow-b"));
            connection.rollback();
        }
    }

    @Test
    void aRequestThatWaitedForTheLockSeesTheUsageItsHolderStored() throws Exception {
        ExecutorService waiter = Executors.newSingleThreadExecutor();
        try (Connection holder = database.connect(); Connection second = database.connect()) {
            holder.setAutoCommit(false);
            second.setAutoCommit(false);
            assertThat(unbilled(holder, List.of("escrow-c"))).containsEntry("escrow-c", 0L);
            assertThat(report(holder, List.of("escrow-c"), List.of("k1"), List.of(4))).isEqualTo(1);

            int secondPid = pid(second);
            Future<Map<String, Long>> seen = waiter.submit(() -> unbilled(second, List.of("escrow-c")));
            await().atMost(Duration.ofSeconds(30)).until(() -> waitsForALock(secondPid));
            holder.commit();

            assertThat(seen.get(30, TimeUnit.SECONDS)).as("the usage committed while it waited, not the 0 from before").containsEntry("escrow-c", 4L);
            second.rollback();
        } finally {
            waiter.shutdownNow();
        }
    }

    private static void agreement(String id) throws SQLException {
        execute("insert into agreement (id, offering_id, provider_id, consumer_id, consumer_address, settlement_model, terms, terms_hash,"
                + " status, requested_at, version) values ('" + id + "', 'offering', 'p', 'c', '0x" + "0".repeat(40) + "', '"
                + (id.startsWith("channel") ? "CHANNEL" : "ESCROW") + "', '{}', '0x00', 'ACTIVE', now(), 0)");
    }

    private static int report(Connection connection, List<String> agreements, List<String> keys, List<Integer> amounts)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(JpaAgreementRepository.REPORT_ALL)) {
            insert.setString(1, JpaAgreementRepository.arrayOf(agreements));
            insert.setString(2, JpaAgreementRepository.arrayOf(keys));
            insert.setString(3, JpaAgreementRepository.arrayOf(amounts.stream().map(String::valueOf).toList()));
            insert.setString(4, JpaAgreementRepository.arrayOf(Collections.nCopies(agreements.size(), Instant.now().toString())));
            return single(insert);
        }
    }

    private static int charge(Connection connection, String agreement, int bill, List<Long> reportIds) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(JpaAgreementRepository.CHARGE)) {
            update.setInt(1, bill);
            update.setString(2, agreement);
            update.setString(3, JpaAgreementRepository.arrayOf(reportIds.stream().map(String::valueOf).toList()));
            update.setString(4, agreement);
            return single(update);
        }
    }

    /** The usage lock's answer, as the repository takes it: every row it locked, in its order, with its unbilled usage. */
    private static Map<String, Long> unbilled(Connection connection, List<String> agreements) throws SQLException {
        Map<String, Long> unbilled = new LinkedHashMap<>();
        try (PreparedStatement lock = connection.prepareStatement(JpaAgreementRepository.LOCK_AGREEMENTS)) {
            lock.setString(1, JpaAgreementRepository.arrayOf(agreements));
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    unbilled.put(rows.getString(1), 0L); // none kept yet reads as 0
                }
            }
        }
        try (PreparedStatement read = connection.prepareStatement(JpaAgreementRepository.UNBILLED_USAGE)) {
            read.setString(1, JpaAgreementRepository.arrayOf(agreements));
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    unbilled.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return unbilled;
    }

    private static Map<String, Long> sumsWithoutABill(Connection connection, String... agreements) throws SQLException {
        Map<String, Long> sums = new LinkedHashMap<>();
        for (String agreement : agreements) {
            try (PreparedStatement sum = connection.prepareStatement(
                    "select coalesce(sum(amount), 0) from usage_report where agreement_id = ? and bill_number is null")) {
                sum.setString(1, agreement);
                sums.put(agreement, (long) single(sum));
            }
        }
        return sums;
    }

    private static List<Long> reportIds(Connection connection, String agreement, String... keys) throws SQLException {
        List<Long> ids = new ArrayList<>();
        for (String key : keys) {
            try (PreparedStatement id = connection.prepareStatement("select id from usage_report where agreement_id = ? and idempotency_key = ?")) {
                id.setString(1, agreement);
                id.setString(2, key);
                ids.add((long) single(id));
            }
        }
        return ids;
    }

    private static int pid(Connection connection) throws SQLException {
        try (PreparedStatement pid = connection.prepareStatement("select pg_backend_pid()")) {
            return single(pid);
        }
    }

    private static boolean waitsForALock(int pid) throws SQLException {
        try (Connection observer = database.connect();
             PreparedStatement waiting = observer.prepareStatement("select count(*) from pg_stat_activity where pid = ? and wait_event_type = 'Lock'")) {
            waiting.setInt(1, pid);
            return single(waiting) == 1;
        }
    }

    private static int single(PreparedStatement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery()) {
            assertThat(row.next()).isTrue();
            return row.getInt(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

package io.tollway.ear.benchmark;

import io.tollway.ear.support.TestEnvironment;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.awaitility.Awaitility.await;

/**
 * One round of the billing cycle for every agreement at once: both clocks move just past the
 * latest armed billing timer, so all agreements fall due at the same instant, and the round ends
 * when every agreement has its bill recorded (settled: PAID, OUT_OF_FUNDS or REJECTED).
 *
 * <p>Every time compared is the engine's: the bill's due time is the engine's time right after
 * the move (the timers' own due dates lie before it, and counting the jump would be counting the
 * test), and a bill's {@code settled_at} is written by the engine's clock too. The offset the move
 * added stays the same until the next move, so engine-time differences are wall-time differences.
 */
final class BillingRound {

    private static final Duration POLL = Duration.ofMillis(200);
    /** Past the latest timer, so that it is surely due whatever rounding the engine's job query does. */
    private static final long MARGIN_SECONDS = 5;

    /** What a round measured. */
    record Result(int bills, Duration lastRecordedAfterDue, Distribution lags, Map<String, Integer> states, long movedSeconds) {

        double billsPerSecond() {
            return bills / (lastRecordedAfterDue.toNanos() / 1e9);
        }
    }

    private final BothClocks clocks;
    private final List<String> agreementIds;
    private final Duration deadline;

    BillingRound(BothClocks clocks, List<String> agreementIds, Duration deadline) {
        this.clocks = clocks;
        this.agreementIds = agreementIds;
        this.deadline = deadline;
    }

    /** Bills every agreement once more; {@code number} is the bill each agreement gets now (1 for the first). */
    Result run(int number) throws SQLException {
        try (Connection db = TestEnvironment.database().connect()) {
            Array ids = db.createArrayOf("varchar", agreementIds.toArray());
            // each agreement's next timer is armed in the transaction that recorded its last bill (or activated it)
            await("billing timers armed").atMost(deadline).pollInterval(POLL).until(() -> armedTimers(db, ids) == agreementIds.size());
            Instant latestDue = latestTimer(db, ids);
            long seconds = Math.max(0, Duration.between(clocks.engineNow(), latestDue).toSeconds()) + MARGIN_SECONDS;
            Instant due = clocks.move(seconds);
            await("bill " + number + " recorded for every agreement").atMost(deadline).pollInterval(POLL)
                    .until(() -> settledBills(db, ids, number) == agreementIds.size());
            List<Duration> lags = new ArrayList<>();
            Map<String, Integer> states = new TreeMap<>();
            try (PreparedStatement query = db.prepareStatement(
                    "select settled_at, state from bill where agreement_id = any(?) and number = ?")) {
                query.setArray(1, ids);
                query.setInt(2, number);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        lags.add(Duration.between(due, rows.getTimestamp(1).toInstant()));
                        states.merge(rows.getString(2), 1, Integer::sum);
                    }
                }
            }
            long early = lags.stream().filter(Duration::isNegative).count();
            if (early > 0) {
                // their timers fired by themselves before the move: the set-up took longer than a billing interval
                throw new IllegalStateException(early + " agreements had bill " + number + " before the clocks moved;"
                        + " the round measures only bills that fall due together");
            }
            Distribution distribution = new Distribution(lags);
            return new Result(lags.size(), distribution.max(), distribution, states, seconds);
        }
    }

    private static final String BILLING_TIMERS = " from act_ru_job j join act_ru_execution e on e.id_ = j.process_instance_id_"
            + " where j.process_def_key_ = 'billingCycle' and j.type_ = 'timer' and e.business_key_ = any(?)";

    private static long armedTimers(Connection db, Array ids) throws SQLException {
        return single(db, "select count(*)" + BILLING_TIMERS, ids, null, rows -> rows.getLong(1));
    }

    /**
     * Camunda keeps due dates as timestamps without zone, written in the server's default zone;
     * this JVM runs on the same machine, so reading them in its default zone gives the same instant.
     */
    private static Instant latestTimer(Connection db, Array ids) throws SQLException {
        return single(db, "select max(j.duedate_)" + BILLING_TIMERS, ids, null, rows -> rows.getTimestamp(1).toInstant());
    }

    private static long settledBills(Connection db, Array ids, int number) throws SQLException {
        return single(db, "select count(*) from bill where agreement_id = any(?) and number = ? and state <> 'PENDING'", ids, number,
                rows -> rows.getLong(1));
    }

    private interface Column<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** The one row of an aggregate query over the run's agreements (and a bill number, if given). */
    private static <T> T single(Connection db, String sql, Array ids, Integer number, Column<T> column) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setArray(1, ids);
            if (number != null) {
                query.setInt(2, number);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return column.read(rows);
            }
        }
    }
}

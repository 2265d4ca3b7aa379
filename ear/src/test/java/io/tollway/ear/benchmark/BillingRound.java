package io.tollway.ear.benchmark;

import io.tollway.ear.support.TestEnvironment;
import org.awaitility.core.ConditionTimeoutException;

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
import java.util.concurrent.Callable;

import static org.awaitility.Awaitility.await;

/**
 * One round of the billing cycle for every agreement at once: both clocks move just past the
 * latest armed billing timer, so all agreements fall due at the same instant, and the round ends
 * when every one of them has its bill recorded (settled: PAID, OUT_OF_FUNDS or REJECTED).
 *
 * <p>Every time compared is the engine's: the bill's due time is the engine's time right after
 * the move (the timers' own due dates lie before it, and counting the jump would be counting the
 * test), and a bill's {@code settled_at} is written by the engine's clock too. The offset the move
 * added stays the same until the next move, so engine-time differences are wall-time differences.
 *
 * <p>An agreement whose timer is not armed, or whose bill is not recorded within the round's
 * deadline, is counted and left out of the figures rather than failing the round: the figures of
 * the others are still worth having, and the counts say what went wrong.
 */
final class BillingRound {

    private static final Duration POLL = Duration.ofMillis(200);
    /** How long the last recorded bill's transaction may take to arm its agreement's next timer. */
    private static final Duration ARMING = Duration.ofMinutes(2);
    /** Past the latest timer, so that it is surely due whatever rounding the engine's job query does. */
    private static final long MARGIN_SECONDS = 5;

    /**
     * What a round measured.
     *
     * @param agreements    agreements the round was for
     * @param unarmed       of those, how many had no billing timer (not billed in this round)
     * @param unrecorded    how many fell due but had no recorded bill by the deadline
     * @param lags          each recorded bill's time from falling due to being recorded
     * @param states        recorded bills by state
     * @param movedSeconds  how far both clocks moved to make them due
     */
    record Result(int agreements, int unarmed, int unrecorded, Distribution lags, Map<String, Integer> states, long movedSeconds) {

        int bills() {
            return lags.size();
        }

        /** Recorded bills per second, from falling due to the last one recorded. */
        double billsPerSecond() {
            return bills() / (lags.max().toNanos() / 1e9);
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
            Array all = db.createArrayOf("varchar", agreementIds.toArray());
            // each agreement's next timer is armed in the transaction that recorded its last bill (or activated it)
            within(ARMING, () -> armed(db, all).size() == agreementIds.size());
            List<String> armed = armed(db, all);
            if (armed.isEmpty()) {
                throw new IllegalStateException("no agreement has its billing timer armed");
            }
            Array ids = db.createArrayOf("varchar", armed.toArray());
            Instant latestDue = latestTimer(db, ids);
            long seconds = Math.max(0, Duration.between(clocks.engineNow(), latestDue).toSeconds()) + MARGIN_SECONDS;
            Instant due = clocks.move(seconds);
            within(deadline, () -> settledBills(db, ids, number) == armed.size());
            List<Duration> lags = new ArrayList<>();
            Map<String, Integer> states = new TreeMap<>();
            try (PreparedStatement query = db.prepareStatement(
                    "select settled_at, state from bill where agreement_id = any(?) and number = ? and state <> 'PENDING'")) {
                query.setArray(1, ids);
                query.setInt(2, number);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        lags.add(Duration.between(due, rows.getTimestamp(1).toInstant()));
                        states.merge(rows.getString(2), 1, Integer::sum);
                    }
                }
            }
            if (lags.isEmpty()) {
                throw new IllegalStateException("no bill " + number + " was recorded within " + deadline);
            }
            long early = lags.stream().filter(Duration::isNegative).count();
            if (early > 0) {
                // their timers fired by themselves before the move: the set-up took longer than a billing interval
                throw new IllegalStateException(early + " agreements had bill " + number + " before the clocks moved;"
                        + " the round measures only bills that fall due together (run with -Pbenchmark)");
            }
            return new Result(agreementIds.size(), agreementIds.size() - armed.size(), armed.size() - lags.size(),
                    new Distribution(lags), states, seconds);
        }
    }

    /** Waits until the condition holds, at most {@code limit}; answers whether it came to hold. */
    private static boolean within(Duration limit, Callable<Boolean> condition) {
        try {
            await().atMost(limit).pollInterval(POLL).until(condition);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private static final String BILLING_TIMERS = " from act_ru_job j join act_ru_execution e on e.id_ = j.process_instance_id_"
            + " where j.process_def_key_ = 'billingCycle' and j.type_ = 'timer' and e.business_key_ = any(?)";

    /** The agreements of the array whose billing timer is armed. */
    private static List<String> armed(Connection db, Array ids) throws SQLException {
        List<String> armed = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("select distinct e.business_key_" + BILLING_TIMERS)) {
            query.setArray(1, ids);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    armed.add(rows.getString(1));
                }
            }
        }
        return armed;
    }

    /**
     * Camunda keeps due dates as timestamps without zone, written in the server's default zone;
     * this JVM runs on the same machine, so reading them in its default zone gives the same instant.
     */
    private static Instant latestTimer(Connection db, Array ids) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("select max(j.duedate_)" + BILLING_TIMERS)) {
            query.setArray(1, ids);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getTimestamp(1).toInstant();
            }
        }
    }

    private static long settledBills(Connection db, Array ids, int number) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(
                "select count(*) from bill where agreement_id = any(?) and number = ? and state <> 'PENDING'")) {
            query.setArray(1, ids);
            query.setInt(2, number);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}

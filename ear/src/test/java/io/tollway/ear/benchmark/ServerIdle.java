package io.tollway.ear.benchmark;

import io.tollway.ear.support.TestEnvironment;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Waits, before a load phase, until the server has none of its own work left: no engine job due
 * and no chain transaction on its way. A billing round ends when its last bill is recorded, but
 * the processes go on after it (the next timers, the channels' reviews, the transactions' receipts);
 * a phase started then measures its own requests and that work together.
 */
final class ServerIdle {

    /** Quiet this long, without a job due or a transaction open, counts as idle. */
    private static final Duration QUIET = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(100);

    /** What was still to do when the wait began, and how long it took to be done. */
    record Wait(long jobsDue, long openTransactions, Duration took) {

        String summary() {
            return String.format(Locale.ROOT, "%d jobs due and %d chain transactions open; idle after %.1f s",
                    jobsDue, openTransactions, took.toNanos() / 1e9);
        }
    }

    private final BothClocks clocks;
    private final Duration deadline;

    ServerIdle(BothClocks clocks, Duration deadline) {
        this.clocks = clocks;
        this.deadline = deadline;
    }

    /** Returns once the server has been idle for {@link #QUIET}; throws if it is not within the deadline. */
    Wait await() throws SQLException {
        long began = System.nanoTime();
        // the engine's clock runs ahead of this JVM's by the moves so far; due dates are engine times
        Duration engineAhead = Duration.between(Instant.now(), clocks.engineNow());
        try (Connection db = TestEnvironment.database().connect();
             PreparedStatement work = db.prepareStatement("select"
                     + " (select count(*) from act_ru_job where retries_ > 0 and (duedate_ is null or duedate_ <= ?)),"
                     + " (select count(*) from chain_transaction where state not in ('CONFIRMED', 'REVERTED'))")) {
            long[] atStart = pending(work, engineAhead);
            try {
                Awaitility.await().atMost(deadline).pollInterval(POLL).during(QUIET).until(() -> {
                    long[] now = pending(work, engineAhead);
                    return now[0] == 0 && now[1] == 0;
                });
            } catch (ConditionTimeoutException e) {
                long[] left = pending(work, engineAhead);
                throw new IllegalStateException("the server was not idle within " + deadline + ": " + left[0] + " jobs due and "
                        + left[1] + " chain transactions open", e);
            }
            return new Wait(atStart[0], atStart[1], Duration.ofNanos(System.nanoTime() - began));
        }
    }

    /** Jobs due (and not given up) and chain transactions not yet final (a DROPPED one is signed anew). */
    private static long[] pending(PreparedStatement work, Duration engineAhead) throws SQLException {
        // Camunda writes due dates without a zone, in the server's default zone: the same as this JVM's
        work.setTimestamp(1, Timestamp.from(Instant.now().plus(engineAhead)));
        try (ResultSet row = work.executeQuery()) {
            row.next();
            return new long[]{row.getLong(1), row.getLong(2)};
        }
    }
}

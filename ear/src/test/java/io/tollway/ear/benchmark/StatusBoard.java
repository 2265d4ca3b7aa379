package io.tollway.ear.benchmark;

import io.tollway.ear.support.TestEnvironment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where every agreement stands, read straight from PostgreSQL by one thread a few times a second.
 * A thousand drivers each polling {@code GET /agreements/{id}} would load the very server being
 * measured; one query of the {@code agreement} table costs it nothing.
 *
 * <p>{@link #reaches} answers a future that completes when the agreement has the status, and fails
 * when it ends (TERMINATED), when one of its processes has an incident (its retries are used up:
 * nothing moves it on without an operator), or when the deadline passes first, naming the status
 * it was stuck in.
 */
final class StatusBoard implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private record Row(String status, String cause) {
    }

    private record Wait(String status, Instant deadline, CompletableFuture<Void> reached) {
    }

    private final Connection connection;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "status-board"));
    private final Map<String, Wait> waits = new ConcurrentHashMap<>();
    private volatile Map<String, Row> rows = Map.of();
    /** The first incident of each agreement that has one, by agreement id. */
    private volatile Map<String, String> incidents = Map.of();

    StatusBoard() {
        try {
            connection = TestEnvironment.database().connect();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the test database", e);
        }
        poller.scheduleWithFixedDelay(this::poll, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Completes when the agreement has {@code status} within the time given; one wait per agreement at a time. */
    CompletableFuture<Void> reaches(String agreementId, String status, Duration within) {
        Wait wait = new Wait(status, Instant.now().plus(within), new CompletableFuture<>());
        if (waits.putIfAbsent(agreementId, wait) != null) {
            throw new IllegalStateException("agreement " + agreementId + " is already waited for");
        }
        return wait.reached();
    }

    /** How many agreements are in each status, as last read. */
    Map<String, Integer> counts() {
        Map<String, Integer> counts = new TreeMap<>();
        rows.values().forEach(row -> counts.merge(row.status(), 1, Integer::sum));
        return counts;
    }

    private void poll() {
        try {
            rows = read();
            incidents = readIncidents();
        } catch (SQLException | RuntimeException e) {
            // the next poll tries again; the waits' deadlines bound how long that may go on
            System.err.println("status board: " + e);
            return;
        }
        Instant now = Instant.now();
        waits.forEach((id, wait) -> {
            Row row = rows.get(id);
            String seen = row == null ? "not stored" : row.status();
            if (seen.equals(wait.status())) {
                finish(id, wait, null);
            } else if ("TERMINATED".equals(seen)) {
                finish(id, wait, new IllegalStateException("agreement " + id + " ended (" + row.cause() + ") before " + wait.status()));
            } else if (incidents.containsKey(id)) {
                finish(id, wait, new IllegalStateException("agreement " + id + " is " + seen + " with an incident: " + incidents.get(id)));
            } else if (now.isAfter(wait.deadline())) {
                finish(id, wait, new TimeoutException("agreement " + id + " still " + seen + ", not " + wait.status()));
            }
        });
    }

    private void finish(String id, Wait wait, Exception failure) {
        // removed first: whoever the future wakes may wait on the next status at once
        waits.remove(id, wait);
        if (failure == null) {
            wait.reached().complete(null);
        } else {
            wait.reached().completeExceptionally(failure);
        }
    }

    private Map<String, Row> read() throws SQLException {
        Map<String, Row> read = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("select id, status, termination_cause from agreement");
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                read.put(result.getString(1), new Row(result.getString(2), result.getString(3)));
            }
        }
        return read;
    }

    private Map<String, String> readIncidents() throws SQLException {
        Map<String, String> read = new HashMap<>();
        // every agreement process and its chain transactions carry the agreement's id as business key
        try (PreparedStatement statement = connection.prepareStatement("select e.business_key_, i.activity_id_, i.incident_msg_"
                + " from act_ru_incident i join act_ru_execution e on e.id_ = i.proc_inst_id_ where e.business_key_ is not null");
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                read.putIfAbsent(result.getString(1), result.getString(2) + ": " + result.getString(3));
            }
        }
        return read;
    }

    @Override
    public void close() throws SQLException {
        poller.shutdownNow();
        connection.close();
    }
}

package io.tollway.infrastructure.persistence.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs plain JDBC work inside a transaction. The chain gateway keeps its outbox and its event
 * cursor with hand-written SQL (row locks with {@code SKIP LOCKED}, batched updates, an advisory
 * lock) and reaches the database only through this interface: in the server it is a JTA
 * transaction that the process engine joins, so a state change and the message that announces it
 * commit together; outside it (component tests, benchmarks) a plain JDBC transaction.
 */
public interface Transactor {

    /** Runs the work in a transaction of its own, committed before this method returns. */
    <T> T inNewTransaction(Work<T> work);

    /** Runs the work in the caller's transaction, or in a new one when there is none. */
    <T> T inCurrentTransaction(Work<T> work);

    /**
     * Runs the action once the current transaction has committed (at once when there is none),
     * e.g. to wake a worker that should see what was just written. Never runs on a rollback.
     */
    void afterCommit(Runnable action);

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }
}

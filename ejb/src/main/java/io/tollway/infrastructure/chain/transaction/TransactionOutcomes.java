package io.tollway.infrastructure.chain.transaction;

import java.sql.Connection;

/**
 * Told once when a transaction reaches CONFIRMED or REVERTED. It is called inside the database
 * transaction that records the final state: if it fails, the state change rolls back too and the
 * announcement is tried again; once it commits, it is never repeated.
 */
@FunctionalInterface
public interface TransactionOutcomes {

    void finished(FinishedTransaction outcome, Connection connection);
}

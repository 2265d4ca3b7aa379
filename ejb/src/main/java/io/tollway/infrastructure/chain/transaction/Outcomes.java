package io.tollway.infrastructure.chain.transaction;

import java.sql.Connection;
import java.sql.SQLException;

/** Records a final state and announces it, in one database transaction. */
final class Outcomes {

    private final ChainTransactionStore store;
    private final TransactionOutcomes listener;

    Outcomes(ChainTransactionStore store, TransactionOutcomes listener) {
        this.store = store;
        this.listener = listener;
    }

    void finish(Connection c, ChainTransaction row, ChainTransactionState state, String revertReason) throws SQLException {
        store.finished(c, row.id(), state, revertReason);
        listener.finished(new FinishedTransaction(row.id(), row.subject(), row.step(), state, row.hash(),
                row.blockNumber(), row.gasUsed(), revertReason != null ? revertReason : row.revertReason()), c);
    }
}

package io.tollway.infrastructure.chain.transaction;

import java.sql.Connection;
import java.sql.SQLException;

/** Records a final state and announces it, in one database transaction. */
final class Outcomes {

    private final ChainTransactionStore store;
    private final BatchMemberStore members;
    private final TransactionOutcomes listener;

    Outcomes(ChainTransactionStore store, BatchMemberStore members, TransactionOutcomes listener) {
        this.store = store;
        this.members = members;
        this.listener = listener;
    }

    void finish(Connection c, ChainTransaction row, ChainTransactionState state, String revertReason) throws SQLException {
        store.finished(c, row.id(), state, revertReason);
        String reason = revertReason != null ? revertReason : row.revertReason();
        listener.finished(new FinishedTransaction(row.id(), row.subject(), row.step(), state, row.hash(),
                row.blockNumber(), row.gasUsed(), reason, row.id()), c);
        // a batch's members each wait under their own id for the one outcome they share
        for (BatchMember member : members.of(c, row.id())) {
            listener.finished(new FinishedTransaction(member.id(), member.subject(), member.step(), state, row.hash(),
                    row.blockNumber(), row.gasUsed(), reason, row.id()), c);
        }
    }
}

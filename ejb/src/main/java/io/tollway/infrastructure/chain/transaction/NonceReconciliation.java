package io.tollway.infrastructure.chain.transaction;

import io.tollway.infrastructure.persistence.jdbc.Transactor;

import java.io.IOException;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Brings a signer's persisted nonce sequence and the node's view of the account together, at
 * start-up and whenever the node comes back after an outage (it may have lost its pool):
 * <ul>
 * <li>the node knows more transactions than Tollway numbered (the key was used elsewhere): the
 * sequence moves on past them, and the tracker re-queues any row whose nonce was taken;</li>
 * <li>the node knows fewer: rows it lost are sent again with their signed bytes, and a nonce no
 * row holds any more is filled with a zero-value transfer, so the nonces after it can be mined.</li>
 * </ul>
 * A node of another chain is refused. So is a final row whose nonce the node does not know: the
 * node lost blocks Tollway counted as confirmed, and sending on would risk paying twice.
 */
final class NonceReconciliation {

    private static final Logger LOG = Logger.getLogger(NonceReconciliation.class.getName());

    private final Transactor transactor;
    private final ChainTransactionStore store;
    private final ChainRpc rpc;
    private final long chainId;

    NonceReconciliation(Transactor transactor, ChainTransactionStore store, ChainRpc rpc, long chainId) {
        this.transactor = transactor;
        this.store = store;
        this.rpc = rpc;
        this.chainId = chainId;
    }

    void reconcile(String signer, String address) throws IOException {
        long nodeChain = rpc.chainId();
        if (nodeChain != chainId) {
            throw new IllegalStateException("the node is on chain " + nodeChain + ", Tollway signs for chain " + chainId + "; sending nothing");
        }
        long known = rpc.transactionCount(address, true);
        transactor.inNewTransaction(c -> {
            long next = store.lockNextNonce(c, signer);
            if (known > next) {
                LOG.warning(() -> "signer " + signer + " (" + address + ") has " + (known - next) + " transactions on the node that"
                        + " Tollway did not number; its nonces continue at " + known);
                store.setNextNonce(c, signer, known);
                return null;
            }
            Map<Long, ChainTransaction> rows = store.byNonce(c, signer, known, next);
            for (long nonce = known; nonce < next; nonce++) {
                ChainTransaction row = rows.get(nonce);
                if (row == null) {
                    long filler = store.requestGapFiller(c, signer, address, nonce);
                    long gap = nonce;
                    LOG.warning(() -> "nonce " + gap + " of signer " + signer + " is held by no transaction; filling it (chain transaction " + filler + ")");
                } else if (row.state().isFinal()) {
                    throw new IllegalStateException("the node does not know nonce " + nonce + " of signer " + signer + ", but " + row
                            + " is final: the node is on another chain or lost confirmed blocks; refusing to sign with " + signer);
                } else if (row.state() == ChainTransactionState.SUBMITTED || row.state() == ChainTransactionState.MINED) {
                    LOG.warning(() -> "the node no longer knows " + row + "; sending its signed bytes again");
                    store.resend(c, row.id(), "the node no longer knew it");
                }
            }
            return null;
        });
    }
}

package io.tollway.infrastructure.chain.transaction;

import io.tollway.infrastructure.chain.signing.TransactionSigner;
import io.tollway.infrastructure.persistence.jdbc.Transactor;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Signs and sends the transactions of one signing key; the only taker of its nonces. Each round
 * first sends what is signed and unsent, lowest nonce first (after a crash, those are the rows the
 * crash interrupted), then signs what waits: dropped rows again under their nonce with a higher
 * fee, new rows under the next nonces of the persisted sequence. No version offers more than the
 * fee ceiling ({@link GatewaySettings#maxFeePerGas}). The signed row is committed before its bytes
 * leave the process.
 */
final class TransactionSender {

    private static final Logger LOG = Logger.getLogger(TransactionSender.class.getName());
    /** Margin on estimated gas: state may change a little between estimate and execution. */
    private static final long ESTIMATE_MARGIN_PERCENT = 25;
    /** How {@code last_error} begins while a dropped row waits at the fee ceiling: written and logged once. */
    private static final String HELD = "held at the fee ceiling";

    private final String name;
    private final TransactionSigner signer;
    private final long chainId;
    private final Transactor transactor;
    private final ChainTransactionStore store;
    private final ChainRpc rpc;
    private final RevertReasons reasons;
    private final Outcomes outcomes;
    private final FaultPoints faults;
    private final int batchSize;
    private final BigInteger feeCeiling;
    private final BatchAssembler batches;
    private final BatchMemberStore members;
    private boolean aboveCeiling;

    TransactionSender(String name, TransactionSigner signer, long chainId, Transactor transactor, ChainTransactionStore store,
                      ChainRpc rpc, RevertReasons reasons, Outcomes outcomes, FaultPoints faults, int batchSize,
                      BigInteger feeCeiling, BatchAssembler batches, BatchMemberStore members) {
        this.name = name;
        this.signer = signer;
        this.chainId = chainId;
        this.transactor = transactor;
        this.store = store;
        this.rpc = rpc;
        this.reasons = reasons;
        this.outcomes = outcomes;
        this.faults = faults;
        this.batchSize = batchSize;
        this.feeCeiling = feeCeiling;
        this.batches = batches;
        this.members = members;
    }

    /** One round; returns the number of rows signed or sent. */
    int runOnce() throws IOException {
        int sent = sendSigned();
        int signed = signWaiting();
        return signed == 0 ? sent : sent + signed + sendSigned();
    }

    private int sendSigned() throws IOException {
        Map<Long, List<String>> carried = new HashMap<>();
        List<ChainTransaction> rows = transactor.inNewTransaction(c -> {
            List<ChainTransaction> signed = store.toSend(c, name, batchSize);
            for (ChainTransaction row : signed) {
                carried.put(row.id(), members.subjectsCarriedBy(c, row));
            }
            return signed;
        });
        List<Long> accepted = new ArrayList<>();
        try {
            for (ChainTransaction row : rows) {
                checkFaults(FaultPoints.SIGNED, row, carried.get(row.id()));
                ChainRpc.SendResult answer = rpc.send(row.rawTransaction());
                if (!answer.accepted() && !answer.alreadyKnown() && !answer.nonceUsed()) {
                    // later nonces cannot be mined before this one: stop here and try again next round
                    LOG.warning(() -> "node refused " + row + ": " + answer.hashOrError());
                    transactor.inNewTransaction(c -> {
                        if (answer.feeTooLow()) {
                            // the same bytes would be refused forever: sign again under the nonce with today's fees
                            store.dropped(c, row.id(), "refused by the node: " + answer.hashOrError());
                        } else {
                            store.failedAttempt(c, row.id(), answer.hashOrError());
                        }
                        return null;
                    });
                    break;
                }
                checkFaults(FaultPoints.SENT, row, carried.get(row.id()));
                accepted.add(row.id());
            }
        } finally {
            if (!accepted.isEmpty()) {
                markSubmitted(accepted);
            }
        }
        return accepted.size();
    }

    /** A fault armed for a subject hits the batch that carries its call too. */
    private void checkFaults(String point, ChainTransaction row, List<String> carriedSubjects) {
        faults.check(point, row.subject());
        carriedSubjects.forEach(subject -> faults.check(point, subject));
    }

    private void markSubmitted(List<Long> ids) {
        transactor.inNewTransaction(c -> {
            store.submitted(c, ids);
            return null;
        });
    }

    private int signWaiting() throws IOException {
        transactor.inNewTransaction(c -> batches.assemble(c, name));
        Fees market = rpc.currentFees();
        noticeCeiling(market);
        Fees current = market.cappedAt(feeCeiling);
        // asking the node is done before the transaction that holds the signer's nonce sequence
        Map<Long, ChainRpc.Estimate> estimates = new HashMap<>();
        for (ChainTransaction row : transactor.inNewTransaction(c -> store.toEstimate(c, name, batchSize))) {
            estimates.put(row.id(), rpc.estimateGas(signer.address(), row.call()));
        }
        return transactor.inNewTransaction(c -> {
            List<ChainTransaction> rows = store.toSign(c, name, batchSize);
            if (rows.isEmpty()) {
                return 0;
            }
            long next = store.lockNextNonce(c, name);
            int signed = 0;
            for (ChainTransaction row : rows) {
                if (row.state() == ChainTransactionState.DROPPED) {
                    if (!signAgain(c, row, market)) {
                        continue;
                    }
                } else if (row.nonce() != null) {
                    sign(c, row, row.nonce(), row.call().gasLimit(), current);
                } else {
                    Long gasLimit = row.call().gasLimit() != null ? row.call().gasLimit() : gasLimit(c, row, estimates.get(row.id()));
                    if (gasLimit == null) {
                        continue;
                    }
                    sign(c, row, next++, gasLimit, current);
                }
                signed++;
            }
            store.setNextNonce(c, name, next);
            return signed;
        });
    }

    /**
     * The gas for a row that did not bring its limit, or null when it is not to be signed now:
     * not estimated yet (it came after the estimates; next round), or it would revert. Then it is
     * final at once (nothing is sent, no fee is paid), unless the signer's earlier transactions
     * are still open and may be what it waits for.
     */
    private Long gasLimit(Connection c, ChainTransaction row, ChainRpc.Estimate estimate) throws SQLException {
        if (estimate == null) {
            return null;
        }
        if (!estimate.reverts()) {
            return estimate.gas() * (100 + ESTIMATE_MARGIN_PERCENT) / 100;
        }
        String reason = reasons.explain(estimate.revertData());
        if (store.hasUnfinishedBefore(c, name, row.id())) {
            store.failedAttempt(c, row.id(), "would revert now (" + reason + "); waiting for the signer's earlier transactions");
            return null;
        }
        LOG.warning(() -> row + " would revert: " + reason + "; not sent");
        outcomes.finish(c, row, ChainTransactionState.REVERTED, reason);
        return null;
    }

    /**
     * A dropped row under its nonce: signed again with a higher fee, never above the ceiling. A
     * version at the ceiling already is sent again as it is while a block could take it, and
     * otherwise waits (false) for the base fee to fall: the signer pays no more than the ceiling.
     */
    private boolean signAgain(Connection c, ChainTransaction row, Fees market) throws SQLException {
        Fees previous = new Fees(row.maxFeePerGas(), row.maxPriorityFeePerGas());
        Optional<Fees> replacement = previous.replacementUnder(market, feeCeiling);
        if (replacement.isPresent()) {
            sign(c, row, row.nonce(), row.call().gasLimit(), replacement.get());
            LOG.info(() -> "signed " + row + " again with max fee " + replacement.get().maxFeePerGas() + " (was " + row.maxFeePerGas() + ")");
            return true;
        }
        if (previous.payableAt(market)) {
            store.resend(c, row.id(), "at the fee ceiling of " + feeCeiling + " wei per gas: sent again as it was");
            LOG.info(() -> "sending " + row + " again as it was: its max fee " + row.maxFeePerGas() + " is at the ceiling of " + feeCeiling);
            return true;
        }
        if (row.lastError() == null || !row.lastError().startsWith(HELD)) {
            String why = HELD + " of " + feeCeiling + " wei per gas: the next block's base fee is above the "
                    + row.maxFeePerGas() + " it offers (tollway.chain.max-fee-per-gas)";
            store.failedAttempt(c, row.id(), why);
            LOG.warning(() -> row + " " + why);
        }
        return false;
    }

    /** Says once when the chain starts asking more than the ceiling, and once when it stops. */
    private void noticeCeiling(Fees market) {
        boolean above = market.maxFeePerGas().compareTo(feeCeiling) > 0;
        if (above != aboveCeiling) {
            aboveCeiling = above;
            if (above) {
                LOG.warning(() -> "signer " + name + ": the chain asks a max fee of " + market.maxFeePerGas() + " wei per gas,"
                        + " above the ceiling of " + feeCeiling + " (tollway.chain.max-fee-per-gas); transactions are signed at the"
                        + " ceiling and may wait for the base fee to fall");
            } else {
                LOG.info(() -> "signer " + name + ": the chain asks " + market.maxFeePerGas() + " wei per gas again, under the ceiling");
            }
        }
    }

    private void sign(Connection c, ChainTransaction row, long nonce, long gasLimit, Fees fees) throws SQLException {
        RawTransaction transaction = RawTransaction.createTransaction(chainId, BigInteger.valueOf(nonce),
                BigInteger.valueOf(gasLimit), row.call().to(), row.call().value(), Numeric.toHexString(row.call().data()),
                fees.maxPriorityFeePerGas(), fees.maxFeePerGas());
        String signed = signer.sign(transaction);
        store.signed(c, row.id(), nonce, gasLimit, fees, Numeric.hexStringToByteArray(signed), Hash.sha3(signed));
    }
}

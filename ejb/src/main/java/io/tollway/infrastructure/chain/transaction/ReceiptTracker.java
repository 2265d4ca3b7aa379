package io.tollway.infrastructure.chain.transaction;

import io.tollway.infrastructure.persistence.jdbc.Transactor;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Follows sent transactions to their end: a receipt makes a row MINED; enough blocks on top make
 * it CONFIRMED or REVERTED and announce it, in one database transaction; a block that is no longer
 * on the chain sends the row back to SUBMITTED; a transaction the node no longer knows, or keeps
 * without mining it although it is its signer's next, is DROPPED (signed again with a higher fee)
 * or, when another transaction took its nonce, queued again for a new nonce.
 */
final class ReceiptTracker {

    private static final Logger LOG = Logger.getLogger(ReceiptTracker.class.getName());

    private final Transactor transactor;
    private final ChainTransactionStore store;
    private final BatchMemberStore members;
    private final ChainRpc rpc;
    private final RevertReasons reasons;
    private final Outcomes outcomes;
    private final FaultPoints faults;
    private final GatewaySettings settings;
    private final Map<String, String> signerAddresses;
    private final Consumer<String> wakeSender;
    private final Clock clock;

    ReceiptTracker(Transactor transactor, ChainTransactionStore store, BatchMemberStore members, ChainRpc rpc, RevertReasons reasons, Outcomes outcomes,
                   FaultPoints faults, GatewaySettings settings, Map<String, String> signerAddresses,
                   Consumer<String> wakeSender, Clock clock) {
        this.transactor = transactor;
        this.store = store;
        this.members = members;
        this.rpc = rpc;
        this.reasons = reasons;
        this.outcomes = outcomes;
        this.faults = faults;
        this.settings = settings;
        this.signerAddresses = signerAddresses;
        this.wakeSender = wakeSender;
        this.clock = clock;
    }

    /** One round over the rows in flight; returns how many changed state. */
    int runOnce() throws IOException {
        List<ChainTransaction> rows = transactor.inNewTransaction(c -> store.inFlight(c, settings.batchSize()));
        if (rows.isEmpty()) {
            return 0;
        }
        long head = rpc.head();
        Map<String, TransactionReceipt> receipts = rpc.receipts(rows.stream()
                .filter(row -> row.state() == ChainTransactionState.SUBMITTED)
                .flatMap(row -> row.attemptHashes().stream()).toList());
        Map<Long, Optional<String>> blockHashes = new HashMap<>();
        List<ChainTransaction> unseen = new ArrayList<>();
        int changed = 0;
        for (ChainTransaction row : rows) {
            ChainTransaction current = row;
            if (row.state() == ChainTransactionState.SUBMITTED) {
                Optional<TransactionReceipt> receipt = row.attemptHashes().stream().map(receipts::get)
                        .filter(r -> r != null).findFirst();
                if (receipt.isEmpty()) {
                    if (row.submittedAt() != null && row.submittedAt().plus(settings.dropAfter()).isBefore(clock.instant())) {
                        unseen.add(row);
                    }
                    continue;
                }
                current = mined(row, receipt.get());
                changed++;
            }
            changed += confirmIfDeep(current, head, blockHashes);
        }
        return changed + resolveUnseen(unseen);
    }

    private ChainTransaction mined(ChainTransaction row, TransactionReceipt receipt) throws IOException {
        long block = receipt.getBlockNumber().longValueExact();
        String revertReason = receipt.isStatusOK() ? null
                : reasons.explain(rpc.revertDataAt(signerAddresses.get(row.signer()), row.call(), block));
        String hash = receipt.getTransactionHash();
        return transactor.inNewTransaction(c -> {
            store.mined(c, row.id(), hash, block, receipt.getBlockHash(), receipt.getGasUsed().longValueExact(),
                    receipt.getEffectiveGasPrice() == null ? null : Numeric.decodeQuantity(receipt.getEffectiveGasPrice()),
                    revertReason);
            return store.find(c, row.id()).orElseThrow();
        });
    }

    private int confirmIfDeep(ChainTransaction row, long head, Map<Long, Optional<String>> blockHashes) throws IOException {
        if (row.state() != ChainTransactionState.MINED || head - row.blockNumber() + 1 < settings.confirmations()) {
            return 0;
        }
        Optional<String> onChain = blockHashes.get(row.blockNumber());
        if (onChain == null) {
            onChain = rpc.blockHash(row.blockNumber());
            blockHashes.put(row.blockNumber(), onChain);
        }
        if (onChain.isPresent() && onChain.get().equalsIgnoreCase(row.blockHash())) {
            transactor.inNewTransaction(c -> {
                faults.check(FaultPoints.MINED, row.subject());
                for (String carried : members.subjectsCarriedBy(c, row)) {
                    faults.check(FaultPoints.MINED, carried);
                }
                outcomes.finish(c, row, row.reverted() ? ChainTransactionState.REVERTED : ChainTransactionState.CONFIRMED, null);
                return null;
            });
            if (row.reverted()) {
                LOG.warning(() -> row + " reverted: " + row.revertReason());
            }
        } else {
            LOG.warning(() -> "block " + row.blockNumber() + " of " + row + " is no longer on the chain (reorganisation); looking for its receipt again");
            transactor.inNewTransaction(c -> {
                store.unmined(c, row.id());
                return null;
            });
        }
        return 1;
    }

    /**
     * Rows without a receipt for longer than the drop time. One the node knows waits in its pool:
     * behind an earlier nonce of its signer, that is normal; as the signer's next nonce, nothing
     * is mining it (its fee fell below the base fee, or anvil's pool lost track of it,
     * foundry-rs/foundry#10122), and it is signed again with a higher fee. One the node does not
     * know either lost its nonce to another transaction (the signer's mined count passed it) or was
     * dropped from the pool.
     */
    private int resolveUnseen(List<ChainTransaction> unseen) throws IOException {
        if (unseen.isEmpty()) {
            return 0;
        }
        List<String> known = rpc.known(unseen.stream().flatMap(row -> row.attemptHashes().stream()).toList());
        Map<String, Long> minedCounts = new HashMap<>();
        int changed = 0;
        for (ChainTransaction row : unseen) {
            long minedCount = minedCount(row.signer(), minedCounts);
            Duration unseenFor = Duration.between(row.submittedAt(), clock.instant());
            if (row.attemptHashes().stream().anyMatch(known::contains)) {
                if (minedCount != row.nonce()) {
                    continue;
                }
                LOG.warning(() -> row + " is next in line but not mined " + unseenFor.toSeconds() + " s after it was sent;"
                        + " signing it again with a higher fee");
                dropped(row, "not mined " + unseenFor.toSeconds() + " s after it was sent although next in line");
            } else if (minedCount > row.nonce()) {
                // mined in the meantime? then the next round finds its receipt
                if (!rpc.receipts(row.attemptHashes()).isEmpty()) {
                    continue;
                }
                LOG.warning(() -> "nonce " + row.nonce() + " of signer " + row.signer() + " was taken by another transaction; "
                        + row + " will be signed again under a new nonce");
                transactor.inNewTransaction(c -> {
                    store.requeued(c, row.id(), "nonce " + row.nonce() + " was taken by another transaction");
                    return null;
                });
            } else {
                LOG.warning(() -> row + " is unknown to the node " + unseenFor.toSeconds() + " s after it was sent (dropped);"
                        + " signing it again with a higher fee");
                dropped(row, "unknown to the node since " + row.submittedAt());
            }
            wakeSender.accept(row.signer());
            changed++;
        }
        return changed;
    }

    private long minedCount(String signer, Map<String, Long> minedCounts) throws IOException {
        Long count = minedCounts.get(signer);
        if (count == null) {
            count = rpc.transactionCount(signerAddresses.get(signer), false);
            minedCounts.put(signer, count);
        }
        return count;
    }

    private void dropped(ChainTransaction row, String why) {
        transactor.inNewTransaction(c -> {
            store.dropped(c, row.id(), why);
            return null;
        });
    }
}

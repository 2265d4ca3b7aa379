package io.tollway.infrastructure.chain.transaction;

import io.tollway.infrastructure.chain.signing.TransactionSigner;
import io.tollway.infrastructure.persistence.jdbc.Transactor;
import org.web3j.protocol.Web3j;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;

/**
 * The transaction side of the chain gateway. {@link #request} records what is to be done and
 * returns at once; a sender per signing key and one receipt tracker do the rest in the
 * background, and the {@link TransactionOutcomes} hear of each final state exactly once.
 * Nothing lives only in memory: a new gateway on the same database and chain carries on where a
 * crashed one stopped.
 */
public final class ChainGateway implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChainGateway.class.getName());

    private final Transactor transactor;
    private final ChainTransactionStore store = new ChainTransactionStore();
    private final BatchMemberStore members = new BatchMemberStore();
    private final BatchAssembler batches;
    private final ChainRpc rpc;
    private final Map<String, TransactionSigner> signers;
    private final GatewaySettings settings;
    private final Outcomes outcomes;
    private final FaultPoints faults;
    private final ThreadFactory threads;
    private final Clock clock;
    private final RevertReasons reasons = RevertReasons.ofTollwayContracts();
    private final long chainId;
    private final Map<String, Worker> senders = new LinkedHashMap<>();
    private Worker tracker;

    /**
     * @param chainId the chain the gateway signs for; it sends nothing to a node of another chain
     */
    public ChainGateway(Transactor transactor, Web3j web3j, long chainId, Map<String, TransactionSigner> signers,
                        GatewaySettings settings, TransactionOutcomes outcomes, FaultPoints faults, ThreadFactory threads,
                        Clock clock) {
        this(transactor, web3j, chainId, signers, settings, outcomes, faults, threads, clock, List.of());
    }

    /**
     * @param batchings the kinds of calls that are sent many to a transaction
     */
    public ChainGateway(Transactor transactor, Web3j web3j, long chainId, Map<String, TransactionSigner> signers,
                        GatewaySettings settings, TransactionOutcomes outcomes, FaultPoints faults, ThreadFactory threads,
                        Clock clock, List<CallBatching> batchings) {
        if (signers.isEmpty()) {
            throw new IllegalArgumentException("the gateway needs at least one signer");
        }
        this.transactor = transactor;
        this.rpc = new ChainRpc(web3j);
        this.chainId = chainId;
        this.signers = Map.copyOf(signers);
        this.settings = settings;
        this.outcomes = new Outcomes(store, members, outcomes);
        this.batches = new BatchAssembler(store, members, batchings, clock);
        this.faults = faults;
        this.threads = threads;
        this.clock = clock;
    }

    /**
     * Registers the signers and starts the workers. The node need not be up: each sender
     * reconciles its nonces with the node before its first round, and again after any outage.
     *
     * @throws IllegalStateException when a signer name is already bound to another address
     */
    public synchronized void start() {
        Map<String, String> addresses = new LinkedHashMap<>();
        signers.forEach((name, signer) -> addresses.put(name, signer.address()));
        transactor.inNewTransaction(c -> {
            for (Map.Entry<String, String> signer : addresses.entrySet()) {
                Optional<String> stored = store.signerAddress(c, signer.getKey());
                if (stored.isEmpty()) {
                    store.addSigner(c, signer.getKey(), signer.getValue(), 0);
                } else if (!stored.get().equalsIgnoreCase(signer.getValue())) {
                    throw new IllegalStateException("signer " + signer.getKey() + " was " + stored.get() + " and is now "
                            + signer.getValue() + "; a signer's name must keep its key (its nonces and transactions belong to it)");
                }
            }
            return null;
        });
        NonceReconciliation reconciliation = new NonceReconciliation(transactor, store, rpc, chainId);
        ReceiptTracker receiptTracker = new ReceiptTracker(transactor, store, members, rpc, reasons, outcomes, faults, settings, addresses,
                name -> Optional.ofNullable(senders.get(name)).ifPresent(Worker::wake), clock);
        tracker = new Worker("chain-receipt-tracker", receiptTracker::runOnce, settings.idlePoll(), threads, () -> {
        });
        for (Map.Entry<String, TransactionSigner> signer : signers.entrySet()) {
            TransactionSender sender = new TransactionSender(signer.getKey(), signer.getValue(), chainId, transactor, store, rpc,
                    reasons, outcomes, faults, settings.batchSize(), settings.maxFeePerGas(), batches, members);
            ReconcilingStep step = new ReconcilingStep(() -> reconciliation.reconcile(signer.getKey(), addresses.get(signer.getKey())), () -> {
                int done = sender.runOnce();
                if (done > 0) {
                    tracker.wake();
                }
                return done;
            });
            Worker worker = new Worker("chain-sender-" + signer.getKey(), step, settings.idlePoll(), threads, step::reconcileAgain);
            senders.put(signer.getKey(), worker);
        }
        senders.values().forEach(Worker::start);
        tracker.start();
        LOG.info(() -> "chain gateway started on chain " + chainId + " with signers " + addresses + ", "
                + settings.confirmations() + " confirmation(s)");
    }

    /**
     * Asks for a transaction, in the caller's database transaction: nothing is sent unless it
     * commits. Asking again for the same step of the same subject returns the first transaction.
     *
     * @return the id of the step's chain transaction
     * @throws ConflictingRequest when the step was asked for before with a different call
     */
    public long request(String signer, String subject, String step, ContractCall call) {
        if (!signers.containsKey(signer)) {
            throw new IllegalArgumentException("no signer named '" + signer + "' (configured: " + signers.keySet() + ")");
        }
        if (subject == null || subject.isBlank() || step == null || step.isBlank()) {
            throw new IllegalArgumentException("a chain transaction needs a subject and a step (its idempotency key)");
        }
        long id = transactor.inCurrentTransaction(c -> {
            Optional<Map.Entry<String, CallBatching>> batch = batches.batchOf(call);
            // a step asked for as a transaction of its own before batching began stays one
            if (batch.isPresent() && store.findByStep(c, subject, step).isEmpty()) {
                return members.request(c, subject, step, signer, batch.get().getKey(), call);
            }
            return store.request(c, subject, step, signer, call);
        });
        Worker sender = senders.get(signer);
        if (sender != null) {
            transactor.afterCommit(sender::wake);
        }
        return id;
    }

    /**
     * A transaction by its id, or the batch that carries a batched call by the call's id (empty
     * while the call waits for its batch).
     */
    public Optional<ChainTransaction> find(long id) {
        return transactor.inCurrentTransaction(c -> {
            Optional<ChainTransaction> transaction = store.find(c, id);
            if (transaction.isPresent()) {
                return transaction;
            }
            Optional<BatchMember> member = members.find(c, id);
            return member.isPresent() && member.get().transactionId() != null ? store.find(c, member.get().transactionId()) : Optional.empty();
        });
    }

    /** The newest transactions, optionally of one state and one subject, from {@code offset}. */
    public List<ChainTransaction> newest(ChainTransactionState state, String subject, int offset, int limit) {
        return transactor.inCurrentTransaction(c -> store.newest(c, state, subject, offset, limit));
    }

    public long countOfSubject(String subject) {
        return transactor.inCurrentTransaction(c -> store.countOfSubject(c, subject));
    }

    public Map<ChainTransactionState, Long> countByState() {
        return transactor.inCurrentTransaction(store::countByState);
    }

    /** The address each signer signs for. */
    /** A signer by name, for the consents it gives off chain (a channel's closing signature). */
    public TransactionSigner signer(String name) {
        TransactionSigner signer = signers.get(name);
        if (signer == null) {
            throw new IllegalArgumentException("no signer named '" + name + "' (configured: " + signers.keySet() + ")");
        }
        return signer;
    }

    public Map<String, String> signerAddresses() {
        Map<String, String> addresses = new LinkedHashMap<>();
        signers.forEach((name, signer) -> addresses.put(name, signer.address()));
        return addresses;
    }

    /** Workers that cannot do their job now, with the reason (empty when all can). */
    public Map<String, String> outages() {
        Map<String, String> outages = new LinkedHashMap<>();
        List<Map.Entry<String, Worker>> workers = new java.util.ArrayList<>(senders.entrySet());
        if (tracker != null) {
            workers.add(Map.entry("receipt-tracker", tracker));
        }
        for (Map.Entry<String, Worker> worker : workers) {
            if (worker.getValue().crashed()) {
                outages.put(worker.getKey(), "stopped (simulated crash)");
            } else if (worker.getValue().outage() != null) {
                outages.put(worker.getKey(), worker.getValue().outage());
            }
        }
        return outages;
    }

    @Override
    public synchronized void close() {
        senders.values().forEach(Worker::close);
        if (tracker != null) {
            tracker.close();
        }
        LOG.info("chain gateway stopped");
    }

    /** A sender's round that first reconciles its nonces with the node, once per start and per outage. */
    private static final class ReconcilingStep implements Worker.Step {

        private final Reconcile reconcile;
        private final Worker.Step round;
        private volatile boolean reconciled;

        ReconcilingStep(Reconcile reconcile, Worker.Step round) {
            this.reconcile = reconcile;
            this.round = round;
        }

        @Override
        public int run() throws IOException {
            if (!reconciled) {
                reconcile.run();
                reconciled = true;
            }
            return round.run();
        }

        void reconcileAgain() {
            reconciled = false;
        }
    }

    @FunctionalInterface
    private interface Reconcile {
        void run() throws IOException;
    }
}

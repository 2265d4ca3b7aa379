package io.tollway.infrastructure.chain.transaction;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.DefaultBlockParameterName;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.tollway.infrastructure.chain.transaction.ChainTransactionState.CONFIRMED;
import static io.tollway.infrastructure.chain.transaction.ChainTransactionState.MINED;
import static io.tollway.infrastructure.chain.transaction.ChainTransactionState.PREPARED;
import static io.tollway.infrastructure.chain.transaction.ChainTransactionState.REVERTED;
import static io.tollway.infrastructure.chain.transaction.ChainTransactionState.SUBMITTED;
import static io.tollway.infrastructure.chain.transaction.GatewayBench.SIGNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The transaction side of the chain gateway against a real PostgreSQL and a real anvil: every
 * payment happens exactly once and is announced exactly once, whatever dies when. A "crash" is
 * a fault injected at one instant that ends the gateway's worker; the restart is a new gateway on
 * the same database and chain, with nothing carried over in memory.
 */
class ChainGatewayTest {

    private static final BigInteger AMOUNT = BigInteger.valueOf(1_234_567);
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final GatewaySettings FAST = new GatewaySettings(1, Duration.ofSeconds(2), Duration.ofMillis(50), 200, GatewaySettings.DEFAULT_MAX_FEE_PER_GAS);

    private static GatewayBench bench;
    private final List<ChainGateway> gateways = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        bench = new GatewayBench();
    }

    @AfterAll
    static void stop() {
        bench.close();
    }

    @AfterEach
    void closeGateways() {
        gateways.forEach(ChainGateway::close);
    }

    private ChainGateway gateway(GatewaySettings settings) {
        ChainGateway gateway = bench.gateway(settings);
        gateways.add(gateway);
        return gateway;
    }

    private ChainTransaction awaitState(long id, ChainTransactionState state) {
        try {
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20)).until(() -> bench.row(id).state() == state);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // say where it stuck: the row's state, attempts and last error, and what the node has mined
            ChainTransaction row = bench.row(id);
            throw new AssertionError(row + " not " + state + " within " + DEADLINE + ": attempts " + row.attempts()
                    + ", last error " + row.lastError() + ", submitted " + row.submittedAt()
                    + ", signer's mined nonce " + minedNonceOrWhyNot(), e);
        }
        return bench.row(id);
    }

    private String minedNonceOrWhyNot() {
        try {
            return String.valueOf(bench.minedNonce());
        } catch (Exception e) {
            return "unknown (" + e + ")";
        }
    }

    private void awaitCrash(ChainGateway gateway) {
        await().atMost(DEADLINE).until(() -> gateway.outages().containsValue("stopped (simulated crash)"));
    }

    @Test
    void aTransferIsSentConfirmedAndAnnouncedOnceAndAskingAgainReturnsTheSameTransaction() throws Exception {
        ChainGateway gateway = gateway(FAST);
        String to = GatewayBench.newAddress();

        long id = gateway.request(SIGNER, "agreement-1", "bill-1", bench.transfer(to, AMOUNT));
        long again = gateway.request(SIGNER, "agreement-1", "bill-1", bench.transfer(to, AMOUNT));

        assertThat(again).isEqualTo(id);
        ChainTransaction done = awaitState(id, CONFIRMED);
        assertThat(bench.balanceOf(to)).isEqualTo(AMOUNT);
        assertThat(bench.announcements(id)).isEqualTo(1);
        assertThat(done.hash()).startsWith("0x").hasSize(66);
        assertThat(done.gasUsed()).isPositive();
        assertThat(done.announcedAt()).isNotNull();
        assertThat(gateway.request(SIGNER, "agreement-1", "bill-1", bench.transfer(to, AMOUNT))).isEqualTo(id);
        assertThat(bench.balanceOf(to)).isEqualTo(AMOUNT);
        assertThatThrownBy(() -> gateway.request(SIGNER, "agreement-1", "bill-1", bench.transfer(to, AMOUNT.add(BigInteger.ONE))))
                .isInstanceOf(ConflictingRequest.class)
                .hasMessageContaining("bill-1");
    }

    @Test
    void aCrashAfterTheRowIsWrittenAndBeforeSendingSendsItOnceAfterTheRestart() throws Exception {
        ChainGateway crashing = gateway(FAST);
        String to = GatewayBench.newAddress();
        bench.faults.arm(FaultPoints.SIGNED, "crash-signed");
        long nonceBefore = bench.minedNonce();

        long id = crashing.request(SIGNER, "crash-signed", "pay", bench.transfer(to, AMOUNT));
        awaitCrash(crashing);
        crashing.close();

        ChainTransaction written = bench.row(id);
        assertThat(written.state()).isEqualTo(PREPARED);
        assertThat(written.isSigned()).isTrue();
        assertThat(bench.minedNonce()).isEqualTo(nonceBefore);

        gateway(FAST);
        ChainTransaction done = awaitState(id, CONFIRMED);
        assertThat(done.hash()).isEqualTo(written.hash());
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(bench.balanceOf(to)).isEqualTo(AMOUNT);
        assertThat(bench.minedNonce()).isEqualTo(nonceBefore + 1);
        assertThat(bench.announcements(id)).isEqualTo(1);
    }

    @Test
    void aCrashAfterSendingAndBeforeTheRowIsUpdatedDoesNotPayTwice() throws Exception {
        ChainGateway crashing = gateway(FAST);
        String to = GatewayBench.newAddress();
        bench.faults.arm(FaultPoints.SENT, "crash-sent");

        long id = crashing.request(SIGNER, "crash-sent", "pay", bench.transfer(to, AMOUNT));
        awaitCrash(crashing);
        crashing.close();

        assertThat(bench.row(id).state()).isEqualTo(PREPARED);
        assertThat(bench.balanceOf(to)).as("the node took it before the crash").isEqualTo(AMOUNT);

        gateway(FAST);
        awaitState(id, CONFIRMED);
        assertThat(bench.balanceOf(to)).isEqualTo(AMOUNT);
        assertThat(bench.row(id).attempts()).isEqualTo(1);
        assertThat(bench.announcements(id)).isEqualTo(1);
    }

    @Test
    void signedBytesTheNodeRefusesForTooLowAFeeAreSignedAgainUnderTheSameNonce() throws Exception {
        ChainGateway crashing = gateway(FAST);
        String to = GatewayBench.newAddress();
        bench.faults.arm(FaultPoints.SIGNED, "base-fee-rose");
        long id = crashing.request(SIGNER, "base-fee-rose", "pay", bench.transfer(to, AMOUNT));
        awaitCrash(crashing);
        crashing.close();
        ChainTransaction signed = bench.row(id);
        // the base fee rises far above what the signed bytes offer before they are sent
        setNextBaseFee(signed.maxFeePerGas().multiply(BigInteger.TEN));

        gateway(FAST);
        ChainTransaction done = awaitState(id, CONFIRMED);
        assertThat(done.nonce()).isEqualTo(signed.nonce());
        assertThat(done.hash()).isNotEqualTo(signed.hash());
        assertThat(done.maxFeePerGas()).isGreaterThan(signed.maxFeePerGas().multiply(BigInteger.TEN));
        assertThat(bench.balanceOf(to)).isEqualTo(AMOUNT);
        assertThat(bench.announcements(id)).isEqualTo(1);
    }

    @Test
    void aCrashAfterMiningAndBeforeTheAnnouncementAnnouncesOnceAfterTheRestart() throws Exception {
        ChainGateway crashing = gateway(FAST);
        String to = GatewayBench.newAddress();
        bench.faults.arm(FaultPoints.MINED, "crash-mined");

        long id = crashing.request(SIGNER, "crash-mined", "pay", bench.transfer(to, AMOUNT));
        awaitCrash(crashing);
        crashing.close();

        assertThat(bench.row(id).state()).isEqualTo(MINED);
        assertThat(bench.announcements(id)).isZero();

        gateway(FAST);
        awaitState(id, CONFIRMED);
        assertThat(bench.announcements(id)).isEqualTo(1);
        assertThat(bench.balanceOf(to)).isEqualTo(AMOUNT);
    }

    @Test
    void whileTheNodeIsDownTransactionsQueueAndThenGoThroughInNonceOrderOnce() throws Exception {
        ChainGateway gateway = gateway(FAST);
        String to = GatewayBench.newAddress();
        long nonceBefore = bench.minedNonce();

        bench.stopNode();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(gateway.request(SIGNER, "node-down", "pay-" + i, bench.transfer(to, AMOUNT)));
        }
        await().atMost(DEADLINE).until(() -> gateway.outages().containsKey(SIGNER));
        assertThat(ids).allSatisfy(id -> assertThat(bench.row(id).state()).isEqualTo(PREPARED));

        bench.startNode();
        ids.forEach(id -> awaitState(id, CONFIRMED));
        assertThat(bench.balanceOf(to)).isEqualTo(AMOUNT.multiply(BigInteger.valueOf(5)));
        assertThat(bench.minedNonce()).isEqualTo(nonceBefore + 5);
        List<Long> nonces = ids.stream().map(id -> bench.row(id).nonce()).toList();
        assertThat(nonces).containsExactly(nonceBefore, nonceBefore + 1, nonceBefore + 2, nonceBefore + 3, nonceBefore + 4);
        List<Long> blocks = ids.stream().map(id -> bench.row(id).blockNumber()).toList();
        assertThat(blocks).isSorted();
        assertThat(gateway.outages()).isEmpty();
    }

    @Test
    void aDroppedTransactionIsSignedAgainWithTheSameNonceAndAHigherFee() throws Exception {
        ChainGateway gateway = gateway(FAST);
        String to = GatewayBench.newAddress();
        bench.anvil.setAutomine(false);
        try {
            long id = gateway.request(SIGNER, "dropped", "pay", bench.transfer(to, AMOUNT));
            ChainTransaction first = awaitState(id, SUBMITTED);
            bench.anvil.dropTransaction(first.hash());

            await().atMost(DEADLINE).until(() -> bench.row(id).attempts() == 2 && bench.row(id).state() == SUBMITTED);
            ChainTransaction second = bench.row(id);
            assertThat(second.nonce()).isEqualTo(first.nonce());
            assertThat(second.hash()).isNotEqualTo(first.hash());
            assertThat(second.maxFeePerGas()).isGreaterThan(first.maxFeePerGas());
            assertThat(second.maxPriorityFeePerGas()).isGreaterThan(first.maxPriorityFeePerGas());
            assertThat(second.attemptHashes()).containsExactly(first.hash(), second.hash());

            bench.anvil.mine();
            awaitState(id, CONFIRMED);
            assertThat(bench.balanceOf(to)).isEqualTo(AMOUNT);
            assertThat(bench.announcements(id)).isEqualTo(1);
        } finally {
            bench.anvil.setAutomine(true);
        }
    }

    @Test
    void aTransactionTheNodeKeepsWithoutMiningItAsItsSignersNextIsSignedAgainWithTodaysFees() throws Exception {
        ChainGateway gateway = gateway(FAST.withDropAfter(Duration.ofSeconds(5)));
        String to = GatewayBench.newAddress();
        // no block comes (anvil with automine off, as a chain whose base fee outgrew the fee would)
        bench.anvil.setAutomine(false);
        try {
            long id = gateway.request(SIGNER, "unmined", "pay", bench.transfer(to, AMOUNT));
            ChainTransaction sent = awaitState(id, SUBMITTED);
            // meanwhile the next block's base fee rises far above what the sent version offers
            BigInteger baseFee = sent.maxFeePerGas().multiply(BigInteger.TEN);
            setNextBaseFee(baseFee);
            assertThat(bench.web3j.ethGetTransactionByHash(sent.hash()).send().getTransaction()).as("kept in the pool").isPresent();

            await().atMost(DEADLINE).until(() -> bench.row(id).attempts() >= 2 && bench.row(id).state() == SUBMITTED);
            ChainTransaction again = bench.row(id);
            assertThat(again.nonce()).isEqualTo(sent.nonce());
            assertThat(again.hash()).isNotEqualTo(sent.hash());
            assertThat(again.maxFeePerGas()).isGreaterThan(baseFee);

            bench.anvil.mine();
            ChainTransaction done = awaitState(id, CONFIRMED);
            assertThat(done.attemptHashes()).startsWith(sent.hash()).contains(done.hash());
            assertThat(bench.balanceOf(to)).isEqualTo(AMOUNT);
            assertThat(bench.announcements(id)).isEqualTo(1);
        } finally {
            bench.anvil.setAutomine(true);
        }
    }

    @Test
    void aTransactionIsSignedAtTheFeeCeilingWhenTheChainAsksMoreAndIsMinedAtIt() throws Exception {
        BigInteger before = nextBaseFee();
        BigInteger baseFee = BigInteger.valueOf(20_000_000_000L);
        // the chain asks twice the base fee plus the tip; the ceiling lies between the base fee and that
        BigInteger ceiling = baseFee.multiply(BigInteger.valueOf(3)).divide(BigInteger.TWO);
        setNextBaseFee(baseFee);
        try {
            ChainGateway gateway = gateway(FAST.withMaxFeePerGas(ceiling));
            String to = GatewayBench.newAddress();
            long id = gateway.request(SIGNER, "ceiling-new", "pay", bench.transfer(to, AMOUNT));

            ChainTransaction done = awaitState(id, CONFIRMED);
            assertThat(done.maxFeePerGas()).isEqualTo(ceiling);
            assertThat(done.maxPriorityFeePerGas()).isLessThanOrEqualTo(ceiling);
            assertThat(done.attempts()).isEqualTo(1);
            assertThat(bench.balanceOf(to)).isEqualTo(AMOUNT);
        } finally {
            setNextBaseFee(before);
        }
    }

    @Test
    void aReplacementIsNeverSignedAboveTheFeeCeilingAndWaitsAtItUntilTheBaseFeeFalls() throws Exception {
        BigInteger before = nextBaseFee();
        BigInteger baseFee = BigInteger.valueOf(20_000_000_000L);
        BigInteger ceiling = baseFee.multiply(BigInteger.valueOf(3));
        setNextBaseFee(baseFee);
        ChainGateway gateway = gateway(FAST.withDropAfter(Duration.ofSeconds(5)).withMaxFeePerGas(ceiling));
        String to = GatewayBench.newAddress();
        bench.anvil.setAutomine(false);
        try {
            long id = gateway.request(SIGNER, "ceiling-replaced", "pay", bench.transfer(to, AMOUNT));
            ChainTransaction sent = awaitState(id, SUBMITTED);
            assertThat(sent.maxFeePerGas()).isLessThan(ceiling);
            // the base fee rises far above the ceiling: an unbounded bump would follow it there
            setNextBaseFee(sent.maxFeePerGas().multiply(BigInteger.TEN));

            await().atMost(DEADLINE).until(() -> bench.row(id).attempts() == 2);
            assertThat(bench.row(id).maxFeePerGas()).as("the replacement, at the ceiling").isEqualTo(ceiling);
            await().atMost(DEADLINE).until(() -> String.valueOf(bench.row(id).lastError()).startsWith("held at the fee ceiling"));
            ChainTransaction held = bench.row(id);
            assertThat(held.state()).isEqualTo(ChainTransactionState.DROPPED);
            assertThat(held.attempts()).as("no version above the ceiling").isEqualTo(2);
            assertThat(held.maxFeePerGas()).isEqualTo(ceiling);

            // the base fee falls under the ceiling: the version at the ceiling is sent again as it was and mined
            setNextBaseFee(baseFee);
            await().atMost(DEADLINE).until(() -> bench.row(id).state() == SUBMITTED);
            bench.anvil.mine();
            ChainTransaction done = awaitState(id, CONFIRMED);
            assertThat(done.hash()).isEqualTo(held.hash());
            assertThat(done.attempts()).isEqualTo(2);
            assertThat(bench.balanceOf(to)).isEqualTo(AMOUNT);
            assertThat(bench.announcements(id)).isEqualTo(1);
        } finally {
            bench.anvil.setAutomine(true);
            setNextBaseFee(before);
        }
    }

    private BigInteger nextBaseFee() throws Exception {
        List<BigInteger> fees = bench.web3j.ethFeeHistory(1, DefaultBlockParameterName.LATEST, List.of())
                .send().getFeeHistory().getBaseFeePerGas();
        return fees.get(fees.size() - 1);
    }

    private void setNextBaseFee(BigInteger wei) {
        bench.anvil.call("anvil_setNextBlockBaseFeePerGas", "[\"0x" + wei.toString(16) + "\"]");
    }

    @Test
    void aReorganisationThatUndoesAMinedTransactionMinesItAgainAndConfirmsItOnce() throws Exception {
        ChainGateway gateway = gateway(FAST.withConfirmations(3));
        String to = GatewayBench.newAddress();
        String snapshot = bench.anvil.snapshot();

        long id = gateway.request(SIGNER, "reorg", "pay", bench.transfer(to, AMOUNT));
        ChainTransaction mined = awaitState(id, MINED);
        bench.anvil.revert(snapshot);
        for (int i = 0; i < 3; i++) {
            bench.anvil.mine();
        }
        await().atMost(DEADLINE).until(() -> {
            ChainTransaction row = bench.row(id);
            if (row.state() == MINED && !row.blockHash().equals(mined.blockHash())) {
                bench.anvil.mine();
            }
            return row.state() == CONFIRMED;
        });
        assertThat(bench.row(id).blockHash()).isNotEqualTo(mined.blockHash());
        assertThat(bench.balanceOf(to)).isEqualTo(AMOUNT);
        assertThat(bench.announcements(id)).isEqualTo(1);
    }

    @Test
    void fourConcurrentCallersOnOneSignerGetGaplessNoncesAndNoErrors() throws Exception {
        ChainGateway gateway = gateway(FAST);
        String to = GatewayBench.newAddress();
        long nonceBefore = bench.minedNonce();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        List<Future<List<Long>>> requested = new ArrayList<>();
        for (int caller = 0; caller < 4; caller++) {
            int c = caller;
            requested.add(callers.submit((Callable<List<Long>>) () -> {
                List<Long> ids = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    ids.add(gateway.request(SIGNER, "concurrent", "caller-" + c + "-" + i, bench.transfer(to, AMOUNT)));
                }
                return ids;
            }));
        }
        List<Long> ids = new ArrayList<>();
        for (Future<List<Long>> f : requested) {
            ids.addAll(f.get());
        }
        callers.shutdown();

        ids.forEach(id -> awaitState(id, CONFIRMED));
        assertThat(ids).doesNotHaveDuplicates().hasSize(100);
        assertThat(ids.stream().map(id -> bench.row(id).nonce()).sorted().toList())
                .isEqualTo(java.util.stream.LongStream.range(nonceBefore, nonceBefore + 100).boxed().toList());
        assertThat(ids).allSatisfy(id -> assertThat(bench.row(id).lastError()).isNull());
        assertThat(bench.balanceOf(to)).isEqualTo(AMOUNT.multiply(BigInteger.valueOf(100)));
        assertThat(bench.minedNonce()).isEqualTo(nonceBefore + 100);
    }

    @Test
    void aCallThatWouldRevertIsRevertedWithItsDecodedErrorAndCostsNoNonce() throws Exception {
        ChainGateway gateway = gateway(FAST);
        String to = GatewayBench.newAddress();
        long nonceBefore = bench.minedNonce();
        ContractCall tooMuch = bench.transfer(to, BigInteger.TEN.pow(40));
        ContractCall estimated = new ContractCall(tooMuch.description(), tooMuch.to(), tooMuch.value(), tooMuch.data(), null);

        long id = gateway.request(SIGNER, "reverts", "estimated", estimated);

        ChainTransaction row = awaitState(id, REVERTED);
        assertThat(row.revertReason()).startsWith("ERC20InsufficientBalance(");
        assertThat(row.nonce()).isNull();
        assertThat(bench.announcements(id)).isEqualTo(1);
        assertThat(bench.minedNonce()).isEqualTo(nonceBefore);
    }

    @Test
    void aTransactionRevertedOnChainIsReportedWithItsDecodedError() throws Exception {
        ChainGateway gateway = gateway(FAST);
        String to = GatewayBench.newAddress();

        long id = gateway.request(SIGNER, "reverts", "mined", bench.transfer(to, BigInteger.TEN.pow(40)));

        ChainTransaction row = awaitState(id, REVERTED);
        assertThat(row.revertReason()).startsWith("ERC20InsufficientBalance(");
        assertThat(row.blockNumber()).isNotNull();
        assertThat(bench.announcements(id)).isEqualTo(1);
        assertThat(bench.queryLong("select count(*) from test_announcement where transaction_id = " + id
                + " and state = 'REVERTED' and revert_reason like 'ERC20InsufficientBalance(%'")).isEqualTo(1);
    }

    @Test
    void aNonceTakenByAnotherTransactionIsReplacedAndANonceHeldByNoRowIsFilled() throws Exception {
        String to = GatewayBench.newAddress();
        // a crash leaves a signed, unsent row; meanwhile someone else uses the key and its nonce
        ChainGateway crashing = gateway(FAST);
        bench.faults.arm(FaultPoints.SIGNED, "stale");
        long stale = crashing.request(SIGNER, "stale", "pay", bench.transfer(to, AMOUNT));
        awaitCrash(crashing);
        crashing.close();
        long staleNonce = bench.row(stale).nonce();
        new org.web3j.tx.Transfer(bench.web3j, bench.manager(bench.payerKey))
                .sendFunds(GatewayBench.newAddress(), java.math.BigDecimal.ONE, org.web3j.utils.Convert.Unit.WEI).send();
        assertThat(bench.minedNonce()).isEqualTo(staleNonce + 1);

        ChainGateway restarted = gateway(FAST);
        ChainTransaction replaced = awaitState(stale, CONFIRMED);
        assertThat(replaced.nonce()).isGreaterThan(staleNonce);
        assertThat(bench.balanceOf(to)).isEqualTo(AMOUNT);
        assertThat(bench.announcements(stale)).isEqualTo(1);
        restarted.close();

        // a sequence that moved on past a nonce no row holds (a lost row) must not block the next ones
        bench.execute("update chain_signer set next_nonce = next_nonce + 1 where name = '" + SIGNER + "'");
        long gap = bench.queryLong("select next_nonce - 1 from chain_signer where name = '" + SIGNER + "'");
        ChainGateway afterGap = gateway(FAST);
        long next = afterGap.request(SIGNER, "gap", "pay", bench.transfer(to, AMOUNT));
        awaitState(next, CONFIRMED);
        assertThat(bench.queryLong("select count(*) from chain_transaction where description = 'nonce gap filler'"
                + " and nonce = " + gap + " and state = 'CONFIRMED'")).isEqualTo(1);
        assertThat(bench.balanceOf(to)).isEqualTo(AMOUNT.multiply(BigInteger.TWO));
    }

    /**
     * A batching for the test: transfers of the token to one address combine into one transfer of
     * their sum, which the receiver's balance shows was sent exactly once.
     */
    private record TransferBatching(int maxCalls, Duration linger) implements CallBatching {

        @Override
        public java.util.Optional<String> batchKey(ContractCall call) {
            return java.util.Optional.of("transfer@" + call.to() + ":" + recipient(call));
        }

        @Override
        public ContractCall combine(List<ContractCall> calls) {
            BigInteger sum = calls.stream().map(call -> new BigInteger(1, java.util.Arrays.copyOfRange(call.data(), 36, 68)))
                    .reduce(BigInteger.ZERO, BigInteger::add);
            return bench.transfer(recipient(calls.get(0)), sum);
        }

        private static String recipient(ContractCall call) {
            return org.web3j.utils.Numeric.toHexString(java.util.Arrays.copyOfRange(call.data(), 16, 36));
        }
    }

    @Test
    void callsThatBatchRideInOneTransactionAndEachWaiterHearsItsOutcomeOnce() throws Exception {
        ChainGateway gateway = bench.gateway(FAST, List.of(new TransferBatching(10, Duration.ofMillis(300))));
        gateways.add(gateway);
        String to = GatewayBench.newAddress();

        List<Long> members = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            members.add(gateway.request(SIGNER, "batched-" + i, "bill-1", bench.transfer(to, AMOUNT)));
        }
        assertThat(gateway.request(SIGNER, "batched-2", "bill-1", bench.transfer(to, AMOUNT))).isEqualTo(members.get(1));
        assertThatThrownBy(() -> gateway.request(SIGNER, "batched-2", "bill-1", bench.transfer(to, AMOUNT.add(BigInteger.ONE))))
                .isInstanceOf(ConflictingRequest.class);

        await().atMost(DEADLINE).until(() -> members.stream().allMatch(id -> bench.announcements(id) == 1));
        ChainTransaction carrier = gateway.find(members.get(0)).orElseThrow();
        assertThat(carrier.state()).isEqualTo(CONFIRMED);
        assertThat(carrier.id()).isNotIn(members);
        assertThat(members).allSatisfy(id -> assertThat(gateway.find(id).map(ChainTransaction::id)).contains(carrier.id()));
        assertThat(bench.balanceOf(to)).isEqualTo(AMOUNT.multiply(BigInteger.valueOf(3)));
        assertThat(bench.queryLong("select count(*) from chain_transaction where subject like 'batch-%' and step like '%"
                + to.substring(2).toLowerCase() + "'")).isEqualTo(1);
    }

    @Test
    void aFullBatchIsSentAtOnceAndTheRestWaitsForItsLinger() throws Exception {
        ChainGateway gateway = bench.gateway(FAST, List.of(new TransferBatching(2, Duration.ofHours(1))));
        gateways.add(gateway);
        String to = GatewayBench.newAddress();

        long first = gateway.request(SIGNER, "full-1", "bill-1", bench.transfer(to, AMOUNT));
        long second = gateway.request(SIGNER, "full-2", "bill-1", bench.transfer(to, AMOUNT));
        long third = gateway.request(SIGNER, "full-3", "bill-1", bench.transfer(to, AMOUNT));

        await().atMost(DEADLINE).until(() -> bench.announcements(first) == 1 && bench.announcements(second) == 1);
        assertThat(bench.balanceOf(to)).isEqualTo(AMOUNT.multiply(BigInteger.TWO));
        assertThat(gateway.find(third)).isEmpty();
        assertThat(bench.announcements(third)).isZero();
    }
}

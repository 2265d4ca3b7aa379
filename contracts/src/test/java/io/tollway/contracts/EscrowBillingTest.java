package io.tollway.contracts;

import static io.tollway.contracts.support.ContractErrors.assertReverts;
import static io.tollway.contracts.support.Tollway.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollway.contracts.generated.FeeOnTransferToken;
import io.tollway.contracts.generated.RevertingArbiter;
import io.tollway.contracts.generated.SilentArbiter;
import io.tollway.contracts.generated.ServiceEscrow;
import io.tollway.contracts.support.Agreements;
import io.tollway.contracts.support.Agreements.Terms;
import io.tollway.contracts.support.ChainTest;
import io.tollway.contracts.support.Status;
import io.tollway.contracts.support.TestChain;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple3;

/** ServiceEscrow: deposits, activation, bills, the usage cap, billMany, out of funds, balance views. */
class EscrowBillingTest extends ChainTest {

    private static final BigInteger HOUR = BigInteger.valueOf(3600);
    private static final Terms TERMS = Terms.of(tokens(1), tokens(36), tokens(72));
    private static final byte[] REF = Hash.sha3("usage report 1".getBytes());

    private final Agreements agreements = new Agreements(tollway);

    private ServiceEscrow as(io.tollway.contracts.support.Party party) {
        return tollway.escrow(party);
    }

    private long lastBill(BigInteger id) throws Exception {
        return agreements.view(id).lastBillAt.longValueExact();
    }

    private static BigInteger perSeconds(BigInteger perHour, long seconds) {
        return perHour.multiply(BigInteger.valueOf(seconds)).divide(HOUR);
    }

    @Test
    void onlyTheConsumerDeposits() throws Exception {
        BigInteger id = agreements.approved(consumer, provider, TERMS);
        assertReverts("NotConsumer", as(provider), provider, as(provider).deposit(id, tokens(10)));
        assertReverts("NotConsumer", as(stranger), stranger, as(stranger).deposit(id, tokens(10)));
        assertReverts("ZeroAmount", as(consumer), consumer, as(consumer).deposit(id, BigInteger.ZERO));
    }

    @Test
    void noDepositBeforeApproval() throws Exception {
        BigInteger id = agreements.ready(consumer, provider, TERMS);
        assertReverts("WrongStatus", as(consumer), consumer, as(consumer).deposit(id, tokens(10)));
    }

    @Test
    void firstDepositActivatesAndPaysTheSetupFee() throws Exception {
        BigInteger id = agreements.approved(consumer, provider, TERMS);
        BigInteger before = tollway.balanceOf(consumer.address());
        TransactionReceipt receipt = as(consumer).deposit(id, tokens(10)).send();

        assertThat(as(consumer).getDepositedEvents(receipt)).singleElement()
                .satisfies(e -> assertThat(e.amount).isEqualTo(tokens(10)));
        assertThat(as(consumer).getAgreementActivatedEvents(receipt)).singleElement()
                .satisfies(e -> assertThat(e.setupFee).isEqualTo(tokens(1)));
        ServiceEscrow.AgreementView v = agreements.view(id);
        assertThat(v.status.intValue()).isEqualTo(Status.ACTIVE);
        assertThat(v.remaining).isEqualTo(tokens(9));
        assertThat(v.lastBillAt.longValueExact()).isEqualTo(chain.timestampOf(receipt));
        assertThat(as(provider).earningsOf(provider.address()).send().component3()).isEqualTo(tokens(1));
        assertThat(tollway.balanceOf(consumer.address())).isEqualTo(before.subtract(tokens(10)));
        assertThat(tollway.balanceOf(tollway.escrowAddress())).isEqualTo(tokens(10));
    }

    @Test
    void firstDepositMustCoverSetupFeeAndLockup() throws Exception {
        BigInteger id = agreements.approved(consumer, provider, TERMS.withLockup(1800));
        // setup 1 + lockup 36/2 = 19
        assertReverts("DepositTooSmall", as(consumer), consumer, as(consumer).deposit(id, tokens(18)));
        as(consumer).deposit(id, tokens(19)).send();
        assertThat(agreements.status(id)).isEqualTo(Status.ACTIVE);
    }

    @Test
    void topUpsAddToTheDeposit() throws Exception {
        BigInteger id = agreements.active(consumer, provider, TERMS, tokens(10));
        TransactionReceipt receipt = as(consumer).deposit(id, tokens(5)).send();
        assertThat(as(consumer).getAgreementActivatedEvents(receipt)).isEmpty();
        assertThat(agreements.view(id).remaining).isEqualTo(tokens(14));
        assertThat(agreements.view(id).deposited).isEqualTo(tokens(15));
    }

    @Test
    void billChargesBaseFeeForTheElapsedTimePlusUsage() throws Exception {
        BigInteger id = agreements.active(consumer, provider, TERMS, tokens(100));
        long last = lastBill(id);
        chain.setNextBlockTimestamp(last + 600);
        BigInteger usage = tokens(5);
        TransactionReceipt receipt = as(provider).bill(id, usage, REF).send();

        BigInteger base = perSeconds(tokens(36), 600); // 6 tokens
        assertThat(as(provider).getBillPaidEvents(receipt)).singleElement().satisfies(e -> {
            assertThat(e.baseAmount).isEqualTo(base);
            assertThat(e.variableAmount).isEqualTo(usage);
            assertThat(e.billedSeconds).isEqualTo(BigInteger.valueOf(600));
            assertThat(e.ref).isEqualTo(REF);
        });
        assertThat(agreements.view(id).remaining).isEqualTo(tokens(99).subtract(base).subtract(usage));
        assertThat(agreements.view(id).lastBillAt.longValueExact()).isEqualTo(last + 600);
        assertThat(as(provider).earningsOf(provider.address()).send().component1())
                .isEqualTo(tokens(1).add(base).add(usage));
    }

    @Test
    void usageAboveTheCapForTheElapsedTimeIsRefused() throws Exception {
        BigInteger id = agreements.active(consumer, provider, TERMS, tokens(100));
        chain.mineAt(lastBill(id) + 600);
        BigInteger cap = perSeconds(tokens(72), 600); // 12 tokens
        assertReverts("OverCap", as(provider), provider, as(provider).bill(id, cap.add(BigInteger.ONE), REF));
        chain.setNextBlockTimestamp(chain.latestTimestamp());
        TransactionReceipt exactlyCap = as(provider).bill(id, cap, REF).send();
        assertThat(as(provider).getBillPaidEvents(exactlyCap)).hasSize(1);
    }

    @Test
    void onlyTheProviderBills() throws Exception {
        BigInteger id = agreements.active(consumer, provider, TERMS, tokens(100));
        assertReverts("NotProvider", as(consumer), consumer, as(consumer).bill(id, BigInteger.ZERO, REF));
        assertReverts("NotProvider", as(stranger), stranger, as(stranger).bill(id, BigInteger.ZERO, REF));
        assertReverts("AgreementNotFound", as(provider), provider, as(provider).bill(BigInteger.valueOf(77), BigInteger.ZERO, REF));
    }

    @Test
    void noBillBeforeActivationOrAfterStop() throws Exception {
        BigInteger approved = agreements.approved(consumer, provider, TERMS);
        assertReverts("WrongStatus", as(provider), provider, as(provider).bill(approved, BigInteger.ZERO, REF));
        BigInteger id = agreements.active(consumer, provider, TERMS, tokens(100));
        as(consumer).stop(id).send();
        chain.advance(60);
        assertReverts("WrongStatus", as(provider), provider, as(provider).bill(id, BigInteger.ZERO, REF));
    }

    @Test
    void billThatTheDepositCannotCoverPaysWhatIsLeftAndEndsTheAgreement() throws Exception {
        BigInteger id = agreements.active(consumer, provider, TERMS, tokens(4)); // 3 left after setup
        chain.setNextBlockTimestamp(lastBill(id) + 600);
        TransactionReceipt receipt = as(provider).bill(id, tokens(2), REF).send(); // owes 6 + 2
        assertThat(receipt.isStatusOK()).isTrue();
        assertThat(as(provider).getOutOfFundsEvents(receipt)).singleElement().satisfies(e -> {
            assertThat(e.owed).isEqualTo(tokens(8));
            assertThat(e.paid).isEqualTo(tokens(3));
        });
        assertThat(agreements.status(id)).isEqualTo(Status.OUT_OF_FUNDS);
        assertThat(agreements.view(id).remaining).isZero();
        assertThat(as(provider).earningsOf(provider.address()).send().component1()).isEqualTo(tokens(4));
        assertReverts("WrongStatus", as(consumer), consumer, as(consumer).deposit(id, tokens(10)));
    }

    @Test
    void billManyBillsEachAgreementAndSkipsTheOnesItCannotBill() throws Exception {
        BigInteger a = agreements.active(consumer, provider, TERMS, tokens(100));
        BigInteger b = agreements.active(chain.party(5), provider, TERMS, tokens(100));
        BigInteger stopped = agreements.active(consumer, provider, TERMS, tokens(100));
        BigInteger otherProvider = agreements.active(consumer, chain.party(6), TERMS, tokens(100));
        BigInteger poor = agreements.active(consumer, provider, TERMS, tokens(2));
        as(consumer).stop(stopped).send();
        long lastA = lastBill(a);
        long now = chain.latestTimestamp() + 600;
        chain.setNextBlockTimestamp(now);
        BigInteger earnedBefore = as(provider).earningsOf(provider.address()).send().component1();

        TransactionReceipt receipt = as(provider).billMany(List.of(
                new ServiceEscrow.BillRequest(a, tokens(1), REF),
                new ServiceEscrow.BillRequest(b, tokens(1000), REF), // over the cap
                new ServiceEscrow.BillRequest(stopped, BigInteger.ZERO, REF),
                new ServiceEscrow.BillRequest(otherProvider, BigInteger.ZERO, REF),
                new ServiceEscrow.BillRequest(poor, BigInteger.ZERO, REF))).send();

        assertThat(as(provider).getBillPaidEvents(receipt)).extracting(e -> e.id).containsExactly(a);
        assertThat(as(provider).getBillRejectedEvents(receipt))
                .extracting(e -> e.id, e -> e.reason.intValue())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(b, 4),
                        org.assertj.core.groups.Tuple.tuple(stopped, 3),
                        org.assertj.core.groups.Tuple.tuple(otherProvider, 2));
        assertThat(as(provider).getOutOfFundsEvents(receipt)).extracting(e -> e.id).containsExactly(poor);
        BigInteger billedA = perSeconds(tokens(36), now - lastA).add(tokens(1));
        assertThat(as(provider).earningsOf(provider.address()).send().component1())
                .isEqualTo(earnedBefore.add(billedA).add(tokens(1)));
        assertThat(agreements.view(b).remaining).isEqualTo(tokens(99));
    }

    @Test
    void billFailsWithArbiterFailedWhenTheArbiterRevertsAndStopStillSettlesTheLockup() throws Exception {
        RevertingArbiter arbiter = RevertingArbiter.deploy(chain.web3j(), deployer.transactions(), TestChain.GAS).send();
        assertBrokenArbiterNeverLocksTheDeposit(arbiter.getContractAddress());
    }

    @Test
    void arbiterThatAnswersNothingCountsAsFailedAndNeverLocksTheDeposit() throws Exception {
        SilentArbiter arbiter = SilentArbiter.deploy(chain.web3j(), deployer.transactions(), TestChain.GAS).send();
        assertBrokenArbiterNeverLocksTheDeposit(arbiter.getContractAddress());
    }

    @Test
    void arbiterWithoutCodeIsRefusedInTheTerms() throws Exception {
        BigInteger id = agreements.created(consumer, provider);
        assertReverts("InvalidTerms", as(provider), provider, as(provider).setTerms(id, TERMS.setupFee(),
                TERMS.baseFeePerHour(), TERMS.variableFeePerHour(), BigInteger.ZERO, stranger.address()));
    }

    /** Bills fail with ArbiterFailed, billMany reports it, and a stop still settles (base part as zero uptime). */
    private void assertBrokenArbiterNeverLocksTheDeposit(String arbiter) throws Exception {
        Terms terms = TERMS.withLockup(1800).withArbiter(arbiter);
        BigInteger id = agreements.active(consumer, provider, terms, tokens(100)); // 99 left, lockup 18
        long last = lastBill(id);
        chain.mineAt(last + 600);
        assertReverts("ArbiterFailed", as(provider), provider, as(provider).bill(id, BigInteger.ZERO, REF));

        TransactionReceipt many = as(provider).billMany(List.of(new ServiceEscrow.BillRequest(id, tokens(1), REF))).send();
        assertThat(as(provider).getBillPaidEvents(many)).isEmpty();
        assertThat(as(provider).getBillRejectedEvents(many))
                .extracting(e -> e.id, e -> e.reason.intValue())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(id, 5));
        assertThat(agreements.view(id).remaining).isEqualTo(tokens(99));
        assertThat(lastBill(id)).isEqualTo(last);

        // a broken arbiter never locks the deposit: stop settles the base part as zero uptime
        TransactionReceipt stopped = as(consumer).stop(id).send();
        assertThat(as(consumer).getAgreementStoppedEvents(stopped)).singleElement().satisfies(e -> {
            assertThat(e.settled).isEqualTo(terms.lockupAmount());
            assertThat(e.remaining).isEqualTo(tokens(81));
        });
        assertThat(agreements.status(id)).isEqualTo(Status.STOPPED);
        TransactionReceipt refund = as(consumer).withdrawRefund(id).send();
        assertThat(as(consumer).getRefundWithdrawnEvents(refund).get(0).amount).isEqualTo(tokens(81));
    }

    @Test
    void balanceViewsMatchTheFormulaAtAnyTime() throws Exception {
        BigInteger id = agreements.active(consumer, provider, TERMS.withLockup(600), tokens(50));
        long last = lastBill(id);
        // remaining 49; lockup reserve 6
        Tuple3<BigInteger, BigInteger, BigInteger> at20min = as(consumer).balancesAt(id, BigInteger.valueOf(last + 1200)).send();
        assertThat(at20min.component3()).isEqualTo(tokens(12));
        assertThat(at20min.component1()).isEqualTo(tokens(37));
        assertThat(at20min.component2()).isEqualTo(tokens(13));
        Tuple3<BigInteger, BigInteger, BigInteger> at3h = as(consumer).balancesAt(id, BigInteger.valueOf(last + 3 * 3600)).send();
        assertThat(at3h.component3()).as("one bill covers at most an hour").isEqualTo(tokens(36));
        assertThat(as(consumer).settlementAt(id, BigInteger.valueOf(last + 1200)).send().component1())
                .as("a stop also pays the lockup").isEqualTo(tokens(18));

        chain.setNextBlockTimestamp(last + 1200);
        as(provider).bill(id, BigInteger.ZERO, REF).send();
        assertThat(agreements.view(id).remaining).isEqualTo(at20min.component1());
        Tuple3<BigInteger, BigInteger, BigInteger> after = as(consumer).balancesAt(id, BigInteger.valueOf(last + 1200)).send();
        assertThat(after.component1()).isEqualTo(at20min.component1());
        assertThat(after.component2()).isEqualTo(at20min.component2());
        assertThat(after.component3()).isZero();
    }

    @Test
    void feeOnTransferTokenIsCreditedWithWhatArrived() throws Exception {
        FeeOnTransferToken fot = FeeOnTransferToken.deploy(chain.web3j(), deployer.transactions(), TestChain.GAS,
                BigInteger.valueOf(100)).send(); // 1 %
        ServiceEscrow escrow = ServiceEscrow.deploy(chain.web3j(), deployer.transactions(), TestChain.GAS,
                fot.getContractAddress()).send();
        ServiceEscrow asConsumer = ServiceEscrow.load(escrow.getContractAddress(), chain.web3j(), consumer.transactions(), TestChain.GAS);
        ServiceEscrow asProvider = ServiceEscrow.load(escrow.getContractAddress(), chain.web3j(), provider.transactions(), TestChain.GAS);
        FeeOnTransferToken fotConsumer = FeeOnTransferToken.load(fot.getContractAddress(), chain.web3j(), consumer.transactions(), TestChain.GAS);
        fotConsumer.mint(consumer.address(), tokens(1000)).send();
        fotConsumer.approve(escrow.getContractAddress(), tokens(1000)).send();

        TransactionReceipt created = asConsumer.createAgreement(consumer.address(), provider.address()).send();
        BigInteger id = asConsumer.getAgreementCreatedEvents(created).get(0).id;
        asProvider.setTerms(id, tokens(1), tokens(36), tokens(72), BigInteger.ZERO, Agreements.NO_ARBITER).send();
        asConsumer.setMetadata(id, "fot").send();
        byte[] hash = asConsumer.termsHash(id).send();
        asConsumer.approve(id, hash).send();
        asProvider.approve(id, hash).send();
        TransactionReceipt deposited = asConsumer.deposit(id, tokens(100)).send();

        assertThat(asConsumer.getDepositedEvents(deposited).get(0).amount).isEqualTo(tokens(99));
        assertThat(asConsumer.agreement(id).send().remaining).isEqualTo(tokens(98));
        assertThat(fot.balanceOf(escrow.getContractAddress()).send()).isEqualTo(tokens(99));
    }
}

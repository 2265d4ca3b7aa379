package io.tollway.contracts;

import static io.tollway.contracts.support.ContractErrors.assertReverts;
import static io.tollway.contracts.support.Tollway.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollway.contracts.generated.PaymentChannels;
import io.tollway.contracts.generated.ServiceEscrow;
import io.tollway.contracts.generated.UptimeOracle;
import io.tollway.contracts.support.Agreements;
import io.tollway.contracts.support.Agreements.Terms;
import io.tollway.contracts.support.ChainTest;
import io.tollway.contracts.support.Channels;
import io.tollway.contracts.support.Channels.Channel;
import io.tollway.contracts.support.Cheques;
import io.tollway.contracts.support.Status;
import io.tollway.contracts.support.TestChain;
import io.tollway.contracts.support.Tollway;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * One regression test per defect of the source systems listed in DESIGN.md section 3, each
 * named after what it prevents.
 */
class SourceSystemDefectsTest extends ChainTest {

    private static final Terms TERMS = Terms.of(tokens(1), tokens(36), tokens(72));
    private static final byte[] REF = Hash.sha3("ref".getBytes());

    private final Agreements agreements = new Agreements(tollway);
    private final Channels channels = new Channels(tollway);

    private long lastBill(BigInteger id) throws Exception {
        return agreements.view(id).lastBillAt.longValueExact();
    }

    // ---------------------------------------------------------------- BCA

    @Test
    void providerCannotWithdrawSameEarningsTwice() throws Exception {
        BigInteger id = agreements.active(consumer, provider, TERMS, tokens(50));
        chain.setNextBlockTimestamp(lastBill(id) + 600);
        tollway.escrow(provider).bill(id, BigInteger.ZERO, REF).send();
        BigInteger before = tollway.balanceOf(provider.address());
        tollway.escrow(provider).withdrawEarnings().send();
        assertReverts("NothingToWithdraw", tollway.escrow(provider), provider, tollway.escrow(provider).withdrawEarnings());
        assertThat(tollway.balanceOf(provider.address())).isEqualTo(before.add(tokens(7)));
        assertThat(tollway.balanceOf(tollway.escrowAddress())).isEqualTo(agreements.view(id).remaining);
    }

    @Test
    void strangerCannotCreateAgreementsForOthers() {
        assertReverts("NotAParty", tollway.escrow(stranger), stranger,
                tollway.escrow(stranger).createAgreement(consumer.address(), provider.address()));
    }

    @Test
    void strangerCannotDepositIntoSomeoneElsesAgreement() throws Exception {
        BigInteger id = agreements.approved(consumer, provider, TERMS);
        assertReverts("NotConsumer", tollway.escrow(stranger), stranger, tollway.escrow(stranger).deposit(id, tokens(50)));
        assertReverts("NotConsumer", tollway.escrow(provider), provider, tollway.escrow(provider).deposit(id, tokens(50)));
    }

    @Test
    void runningOutOfDepositIsEmittedAndRecorded() throws Exception {
        BigInteger id = agreements.active(consumer, provider, TERMS, tokens(3));
        chain.setNextBlockTimestamp(lastBill(id) + 3600);
        TransactionReceipt receipt = tollway.escrow(provider).bill(id, BigInteger.ZERO, REF).send();
        assertThat(tollway.escrow(provider).getOutOfFundsEvents(receipt)).hasSize(1);
        assertThat(agreements.status(id)).isEqualTo(Status.OUT_OF_FUNDS);
    }

    // ---------------------------------------------------------------- TFChain

    @Test
    void outOfFundsEndIsNotRolledBackWithTheBill() throws Exception {
        BigInteger id = agreements.active(consumer, provider, TERMS, tokens(3));
        chain.setNextBlockTimestamp(lastBill(id) + 3600);
        TransactionReceipt receipt = tollway.escrow(provider).bill(id, tokens(1), REF).send();
        assertThat(receipt.isStatusOK()).as("the bill transaction succeeds").isTrue();
        assertThat(agreements.status(id)).isEqualTo(Status.OUT_OF_FUNDS);
        assertThat(tollway.escrow(provider).earningsOf(provider.address()).send().component1()).isEqualTo(tokens(3));
        chain.advance(600);
        assertReverts("WrongStatus", tollway.escrow(provider), provider, tollway.escrow(provider).bill(id, BigInteger.ZERO, REF));
    }

    @Test
    void feeChangeAfterOneApprovalResetsThatApproval() throws Exception {
        BigInteger id = agreements.ready(consumer, provider, TERMS);
        byte[] original = tollway.escrow(consumer).termsHash(id).send();
        tollway.escrow(consumer).approve(id, original).send();
        TransactionReceipt changed = tollway.escrow(provider).setTerms(id, tokens(1), tokens(360), tokens(72),
                BigInteger.ZERO, Agreements.NO_ARBITER).send();
        assertThat(tollway.escrow(provider).getApprovalsResetEvents(changed)).hasSize(1);
        assertThat(agreements.view(id).consumerApproved).isFalse();

        byte[] changedHash = tollway.escrow(provider).termsHash(id).send();
        tollway.escrow(provider).approve(id, changedHash).send();
        assertThat(agreements.status(id)).as("one approval of the new terms is not enough").isEqualTo(Status.READY);
        assertReverts("TermsMismatch", tollway.escrow(consumer), consumer, tollway.escrow(consumer).approve(id, original));
    }

    @Test
    void lateBillReportsTheTimeItCannotBill() throws Exception {
        BigInteger id = agreements.active(consumer, provider, TERMS, tokens(100));
        chain.setNextBlockTimestamp(lastBill(id) + 5400);
        TransactionReceipt receipt = tollway.escrow(provider).bill(id, BigInteger.ZERO, REF).send();
        assertThat(tollway.escrow(provider).getBillLateEvents(receipt)).singleElement().satisfies(e -> {
            assertThat(e.elapsedSeconds).isEqualTo(BigInteger.valueOf(5400));
            assertThat(e.billedSeconds).isEqualTo(BigInteger.valueOf(3600));
        });
        assertThat(tollway.escrow(provider).getBillPaidEvents(receipt).get(0).baseAmount).isEqualTo(tokens(36));
    }

    // ---------------------------------------------------------------- Filecoin MSS

    @Test
    void timeOwedBeforeDeactivationCanStillBeSettled() throws Exception {
        UptimeOracle asAdmin = tollway.oracle(deployer);
        asAdmin.grantRole(asAdmin.MONITOR_ROLE().send(), monitor.address()).send();
        BigInteger id = agreements.approved(consumer, provider, TERMS.withArbiter(asAdmin.getContractAddress()));
        long t0 = chain.latestTimestamp() + 10;
        chain.setNextBlockTimestamp(t0);
        tollway.escrow(consumer).deposit(id, tokens(100)).send();
        chain.setNextBlockTimestamp(t0 + 1);
        tollway.oracle(monitor).reportStatus(id, true).send();
        chain.setNextBlockTimestamp(t0 + 1201);
        tollway.oracle(monitor).deactivate(id).send();

        chain.setNextBlockTimestamp(t0 + 2400);
        TransactionReceipt bill = tollway.escrow(provider).bill(id, BigInteger.ZERO, REF).send();
        assertThat(tollway.escrow(provider).getBillPaidEvents(bill).get(0).baseAmount)
                .as("20 up minutes of 40 -> half of 40 minutes' base fee").isEqualTo(tokens(12));
        chain.setNextBlockTimestamp(t0 + 3000);
        TransactionReceipt stop = tollway.escrow(consumer).stop(id).send();
        assertThat(tollway.escrow(consumer).getAgreementStoppedEvents(stop).get(0).settled).isZero();
    }

    @Test
    void providerCannotReportItsOwnUptime() throws Exception {
        BigInteger id = agreements.active(consumer, provider, TERMS, tokens(100));
        UptimeOracle asAdmin = tollway.oracle(deployer);
        byte[] role = asAdmin.MONITOR_ROLE().send();
        asAdmin.grantRole(role, provider.address()).send();
        asAdmin.grantRole(role, consumer.address()).send();
        assertReverts("ReporterIsParty", tollway.oracle(provider), provider, tollway.oracle(provider).reportStatus(id, true));
        assertReverts("ReporterIsParty", tollway.oracle(consumer), consumer, tollway.oracle(consumer).reportStatus(id, false));
        assertReverts("ReporterIsParty", tollway.oracle(provider), provider, tollway.oracle(provider).deactivate(id));
    }

    @Test
    void uptimeIsComputedWithoutLoopingOverTime() throws Exception {
        UptimeOracle asAdmin = tollway.oracle(deployer);
        asAdmin.grantRole(asAdmin.MONITOR_ROLE().send(), monitor.address()).send();
        BigInteger id = agreements.created(consumer, provider);
        long t0 = chain.latestTimestamp() + 10;
        for (int i = 0; i < 64; i++) {
            chain.setNextBlockTimestamp(t0 + i * 600L);
            tollway.oracle(monitor).reportStatus(id, i % 2 == 0).send();
        }
        chain.mineAt(t0 + 365L * 86_400);
        long shortWindow = uptimeGas(asAdmin, id, t0 + 600, t0 + 1200);
        long yearWindow = uptimeGas(asAdmin, id, t0, t0 + 365L * 86_400);
        // two binary searches over 64 checkpoints read at most 2 x 7 cold slots; a loop over the
        // checkpoints would read 64 (134,400 gas), a loop over the seconds of a year never ends
        long logarithmicBound = 21_000 + 2 * 7 * 2_600 + 8_000;
        assertThat(shortWindow).isLessThan(logarithmicBound);
        assertThat(yearWindow).as("a year's window").isLessThan(logarithmicBound);
        assertThat(asAdmin.upSeconds(id, BigInteger.valueOf(t0), BigInteger.valueOf(t0 + 64 * 600L)).send())
                .isEqualTo(BigInteger.valueOf(32 * 600L));
    }

    private long uptimeGas(UptimeOracle oracle, BigInteger id, long from, long to) throws Exception {
        String data = oracle.uptimeBps(id, BigInteger.valueOf(from), BigInteger.valueOf(to)).encodeFunctionCall();
        return chain.web3j().ethEstimateGas(Transaction.createEthCallTransaction(deployer.address(),
                oracle.getContractAddress(), data)).send().getAmountUsed().longValueExact();
    }

    // ---------------------------------------------------------------- Privatix

    @Test
    void proofSignedForAnotherContractIsRefused() throws Exception {
        PaymentChannels other = PaymentChannels.deploy(chain.web3j(), deployer.transactions(), TestChain.GAS,
                tollway.tokenAddress(), BigInteger.valueOf(Tollway.CHALLENGE_PERIOD), BigInteger.valueOf(Tollway.REMOVE_PERIOD),
                BigInteger.valueOf(Tollway.POPUP_PERIOD)).send();
        byte[] offering = channels.offering(provider, "vpn", tokens(10), 5);
        Channel c = channels.open(consumer, provider, offering, tokens(20));
        BigInteger balance = tokens(5);
        byte[] forOther = Cheques.balanceProof(consumer.credentials(), chain.chainId(), other.getContractAddress(), c.key(), balance);
        byte[] closingForOther = Cheques.closingProof(provider.credentials(), chain.chainId(), other.getContractAddress(), c.key(), balance);
        assertReverts("InvalidBalanceProof", tollway.channels(provider), provider, tollway.channels(provider).cooperativeClose(
                consumer.address(), provider.address(), c.openBlock(), offering, balance, forOther, channels.closing(c, balance)));
        assertReverts("InvalidClosingSignature", tollway.channels(provider), provider, tollway.channels(provider).cooperativeClose(
                consumer.address(), provider.address(), c.openBlock(), offering, balance, channels.cheque(c, balance), closingForOther));
        byte[] otherChain = Cheques.balanceProof(consumer.credentials(), 1, tollway.channelsAddress(), c.key(), balance);
        assertReverts("InvalidBalanceProof", tollway.channels(provider), provider, tollway.channels(provider).cooperativeClose(
                consumer.address(), provider.address(), c.openBlock(), offering, balance, otherChain, channels.closing(c, balance)));
    }

    @Test
    void proofOfOneChannelCannotBeReplayedOnAnother() throws Exception {
        byte[] offering = channels.offering(provider, "vpn", tokens(10), 5);
        Channel first = channels.open(consumer, provider, offering, tokens(20));
        Channel second = channels.open(consumer, provider, offering, tokens(20));
        BigInteger balance = tokens(15);
        byte[] chequeOfFirst = channels.cheque(first, balance);
        assertReverts("InvalidBalanceProof", tollway.channels(provider), provider, tollway.channels(provider).cooperativeClose(
                consumer.address(), provider.address(), second.openBlock(), offering, balance, chequeOfFirst, channels.closing(second, balance)));
    }

    @Test
    void zeroMinimumDepositIsRefused() {
        assertReverts("ZeroMinimumDeposit", tollway.channels(provider), provider,
                tollway.channels(provider).registerOffering(Channels.offeringHash("free"), BigInteger.ZERO, BigInteger.TEN));
    }

    @Test
    void chequesNeverExceedTheDepositNorFallBelowTheClaimedBalance() throws Exception {
        byte[] offering = channels.offering(provider, "vpn", tokens(10), 5);
        Channel c = channels.open(consumer, provider, offering, tokens(20));
        BigInteger above = tokens(20).add(BigInteger.ONE);
        assertReverts("BalanceAboveDeposit", tollway.channels(provider), provider, tollway.channels(provider).cooperativeClose(
                consumer.address(), provider.address(), c.openBlock(), offering, above, channels.cheque(c, above), channels.closing(c, above)));
        tollway.channels(consumer).uncooperativeClose(provider.address(), c.openBlock(), offering, tokens(8)).send();
        BigInteger older = tokens(7);
        assertReverts("ProofBelowClaimedBalance", tollway.channels(provider), provider, tollway.channels(provider).cooperativeClose(
                consumer.address(), provider.address(), c.openBlock(), offering, older, channels.cheque(c, older), channels.closing(c, older)));
    }
}

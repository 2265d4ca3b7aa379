package io.tollway.infrastructure.chain.escrow;

import io.tollway.domain.model.agreement.Bill;

import io.tollway.contracts.generated.ServiceEscrow;
import io.tollway.contracts.generated.TestToken;
import io.tollway.devkit.Anvil;
import io.tollway.domain.model.agreement.EscrowTerms;
import io.tollway.infrastructure.chain.Abi;
import io.tollway.infrastructure.chain.CallSender;
import io.tollway.infrastructure.chain.events.TollwayOnChain;
import io.tollway.infrastructure.chain.transaction.ContractCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.List;

import static io.tollway.infrastructure.chain.events.TollwayOnChain.big;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every escrow call Tollway encodes, sent to the real {@code ServiceEscrow} on anvil from the
 * account that must send it (provider through the gateway's estimate-and-sign path, consumer as
 * its wallet would), with the contract's state and events checked after each: an agreement's
 * whole life, a batch with a bill over the cap, and the encodings against the generated bindings.
 */
class EscrowCallsTest {

    /** 1,000 a second base, up to 100 a second usage, setup 5,000, ten minutes' notice (600,000). */
    private static final EscrowTerms TERMS = new EscrowTerms(big(5_000), big(3_600_000), big(360_000), 600);
    private static final BigInteger DEPOSIT = big(10_000_000);
    private static final int OVER_CAP = 4; // ServiceEscrow.BillOutcome.OverCap

    private static TollwayOnChain chain;
    private static CallSender sender;
    private static EscrowReader reader;
    private static String escrow;
    private static Credentials consumer;
    private static Credentials provider;

    private String snapshot;

    @BeforeAll
    static void deploy() throws Exception {
        chain = TollwayOnChain.deploy();
        sender = new CallSender(chain.web3j, chain::transactions);
        reader = new EscrowReader(chain.web3j);
        escrow = chain.escrowAddress;
        consumer = chain.consumer;
        provider = chain.provider;
    }

    @AfterAll
    static void stop() {
        System.out.println("Gas used by the escrow calls:\n" + sender.gasReport());
        chain.close();
    }

    @BeforeEach
    void takeSnapshot() {
        snapshot = chain.anvil.snapshot();
    }

    @AfterEach
    void revertSnapshot() {
        assertThat(chain.anvil.revert(snapshot)).isTrue();
    }

    @Test
    void anAgreementLivesThroughTheEncodedCalls() throws Exception {
        TransactionReceipt created = sender.send(provider, EscrowCalls.createAgreement(escrow, consumer.getAddress(), provider.getAddress()));
        BigInteger id = reader.createdAgreementId(escrow, created.getTransactionHash()).orElseThrow();
        assertThat(id).isEqualTo(ServiceEscrow.getAgreementCreatedEvents(created).get(0).id);
        assertThat(reader.agreement(escrow, id).status()).isEqualTo("Created");

        TransactionReceipt termsSet = sender.send(provider, EscrowCalls.setTerms(escrow, id, TERMS, Abi.NO_ADDRESS));
        ServiceEscrow.TermsSetEventResponse terms = ServiceEscrow.getTermsSetEvents(termsSet).get(0);
        assertThat(List.of(terms.setupFee, terms.baseFeePerHour, terms.variableFeePerHour, terms.lockupSeconds))
                .containsExactly(TERMS.setupFee(), TERMS.baseFeePerHour(), TERMS.variableFeePerHour(), big(600));
        assertThat(reader.agreement(escrow, id).status()).as("no metadata yet").isEqualTo("Created");

        String metadata = "VPN, Zürich, 100 Mbit/s";
        TransactionReceipt metadataSet = sender.send(provider, EscrowCalls.setMetadata(escrow, id, metadata));
        assertThat(ServiceEscrow.getAgreementReadyEvents(metadataSet)).hasSize(1);
        assertThat(reader.metadata(escrow, id)).isEqualTo(metadata);

        String termsHash = reader.termsHash(escrow, id);
        assertThat(EscrowTermsHash.of(Anvil.CHAIN_ID, escrow, id, TERMS, Abi.NO_ADDRESS, metadata))
                .as("the hash computed in Java is the contract's").isEqualTo(termsHash);
        assertThat(Numeric.toHexString(ServiceEscrow.getMetadataSetEvents(metadataSet).get(0).termsHash)).isEqualTo(termsHash);

        sender.send(provider, EscrowCalls.approve(escrow, id, termsHash));
        TransactionReceipt approved = sender.send(consumer, EscrowWalletCalls.approve(escrow, id, termsHash));
        assertThat(Numeric.toHexString(ServiceEscrow.getAgreementApprovedEvents(approved).get(0).termsHash)).isEqualTo(termsHash);

        sender.send(consumer, EscrowWalletCalls.allowDeposits(chain.tokenAddress, escrow, DEPOSIT));
        assertThat(token(consumer).allowance(consumer.getAddress(), escrow).send()).isEqualTo(DEPOSIT);
        TransactionReceipt deposited = sender.send(consumer, EscrowWalletCalls.deposit(escrow, id, DEPOSIT));
        assertThat(ServiceEscrow.getAgreementActivatedEvents(deposited).get(0).setupFee).isEqualTo(TERMS.setupFee());

        EscrowAgreementOnChain active = reader.agreement(escrow, id);
        assertThat(active.status()).isEqualTo("Active");
        assertThat(active.terms()).contains(TERMS);
        assertThat(active.consumer()).isEqualTo(consumer.getAddress());
        assertThat(active.provider()).isEqualTo(provider.getAddress());
        assertThat(active.arbiter()).isEqualTo(Abi.NO_ADDRESS);
        assertThat(active.consumerApproved() && active.providerApproved()).isTrue();
        assertThat(active.deposited()).isEqualTo(DEPOSIT);
        assertThat(active.remaining()).isEqualTo(DEPOSIT.subtract(TERMS.setupFee()));
        assertThat(viaBindings(id)).as("the reader decodes the view as the generated bindings do").isEqualTo(active);

        long activatedAt = active.lastBillAt();
        chain.nextBlockAt(activatedAt + 600);
        TransactionReceipt billed = sender.send(provider, EscrowCalls.bill(escrow, id, big(50_000), Bill.refOf("bill-1", 1)));
        ServiceEscrow.BillPaidEventResponse paid = ServiceEscrow.getBillPaidEvents(billed).get(0);
        assertThat(paid.baseAmount).isEqualTo(big(600_000));
        assertThat(paid.variableAmount).isEqualTo(big(50_000));
        assertThat(Numeric.toHexString(paid.ref)).isEqualTo(Bill.refOf("bill-1", 1));

        EscrowBalances projected = reader.balancesAt(escrow, id, activatedAt + 900);
        assertThat(projected.accrued()).isEqualTo(big(300_000));
        assertThat(projected.consumerRemaining()).isEqualTo(DEPOSIT.subtract(big(5_000 + 650_000 + 300_000)));
        assertThat(projected.providerEarned()).isEqualTo(big(5_000 + 650_000 + 300_000));

        chain.nextBlockAt(activatedAt + 1_200);
        TransactionReceipt stopped = sender.send(provider, EscrowCalls.stop(escrow, id));
        ServiceEscrow.AgreementStoppedEventResponse stop = ServiceEscrow.getAgreementStoppedEvents(stopped).get(0);
        BigInteger settled = big(600_000).add(TERMS.lockupAmount());
        assertThat(stop.settled).as("ten minutes since the bill plus the notice period").isEqualTo(settled);
        BigInteger refund = DEPOSIT.subtract(big(5_000 + 650_000)).subtract(settled);
        assertThat(stop.remaining).isEqualTo(refund);
        EscrowBalances after = reader.balancesAt(escrow, id, activatedAt + 5_000);
        assertThat(after).isEqualTo(new EscrowBalances(refund, DEPOSIT.subtract(refund), BigInteger.ZERO));

        TransactionReceipt refunded = sender.send(consumer, EscrowWalletCalls.withdrawRefund(escrow, id));
        assertThat(ServiceEscrow.getRefundWithdrawnEvents(refunded).get(0).amount).isEqualTo(refund);
        assertThat(reader.agreement(escrow, id).refunded()).isEqualTo(refund);

        BigInteger earned = DEPOSIT.subtract(refund);
        assertThat(reader.earningsOf(escrow, provider.getAddress())).isEqualTo(new ProviderEarnings(earned, BigInteger.ZERO, earned));
        BigInteger before = token(provider).balanceOf(provider.getAddress()).send();
        sender.send(provider, EscrowCalls.withdrawEarnings(escrow));
        assertThat(token(provider).balanceOf(provider.getAddress()).send().subtract(before)).isEqualTo(earned);
        assertThat(reader.earningsOf(escrow, provider.getAddress())).isEqualTo(new ProviderEarnings(earned, earned, BigInteger.ZERO));
    }

    @Test
    void billManyPaysTheBillsWithinTheCapAndSkipsTheOneAbove() throws Exception {
        BigInteger first = activeAgreement("first");
        BigInteger second = activeAgreement("second");
        long billedAt = reader.agreement(escrow, second).lastBillAt() + 600;
        long firstSeconds = billedAt - reader.agreement(escrow, first).lastBillAt();
        BigInteger secondCap = TERMS.usageCap(600);

        chain.nextBlockAt(billedAt);
        TransactionReceipt receipt = sender.send(provider, EscrowCalls.billMany(escrow, List.of(
                new EscrowCalls.Bill(first, TERMS.usageCap(firstSeconds), Bill.refOf("bill-first", 1)),
                new EscrowCalls.Bill(second, secondCap.add(BigInteger.ONE), Bill.refOf("bill-second", 1)))));

        List<ServiceEscrow.BillPaidEventResponse> paid = ServiceEscrow.getBillPaidEvents(receipt);
        assertThat(paid).hasSize(1);
        assertThat(paid.get(0).id).isEqualTo(first);
        assertThat(paid.get(0).variableAmount).as("exactly the cap is allowed").isEqualTo(TERMS.usageCap(firstSeconds));
        assertThat(paid.get(0).baseAmount).isEqualTo(TERMS.basePart(firstSeconds, EscrowTerms.FULL_UPTIME_BPS));
        assertThat(Numeric.toHexString(paid.get(0).ref)).isEqualTo(Bill.refOf("bill-first", 1));
        EscrowChain.BillOutcome firstOutcome = EscrowChain.outcomeOf(receipt.getLogs(), escrow, first);
        assertThat(firstOutcome.paid()).isTrue();
        assertThat(firstOutcome.variableAmount()).isEqualTo(paid.get(0).variableAmount);
        assertThat(firstOutcome.amountPaid()).isEqualTo(paid.get(0).baseAmount.add(paid.get(0).variableAmount));
        assertThat(EscrowChain.outcomeOf(receipt.getLogs(), escrow, second)).as("the other bill's logs are not this one's")
                .isEqualTo(new EscrowChain.BillOutcome(false, false, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, 0));
        List<ServiceEscrow.BillRejectedEventResponse> rejected = ServiceEscrow.getBillRejectedEvents(receipt);
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).id).isEqualTo(second);
        assertThat(rejected.get(0).reason).isEqualTo(big(OVER_CAP));
        assertThat(reader.agreement(escrow, first).lastBillAt()).isEqualTo(billedAt);
        assertThat(reader.agreement(escrow, second).lastBillAt()).as("the skipped bill changed nothing").isEqualTo(billedAt - 600);
        assertThat(reader.lastBills(escrow, List.of(second, first))).as("the last bills alone, in the order asked")
                .containsExactly(billedAt - 600, billedAt);

        TransactionReceipt stoppedByConsumer = sender.send(consumer, EscrowWalletCalls.stop(escrow, second));
        assertThat(ServiceEscrow.getAgreementStoppedEvents(stoppedByConsumer).get(0).by).isEqualToIgnoringCase(consumer.getAddress());
        assertThat(reader.agreement(escrow, second).status()).isEqualTo("Stopped");
    }

    @Test
    void callsTheContractWouldRefuseAreNamedByTheEstimate() throws Exception {
        BigInteger id = readyAgreement("refusals");
        String stale = EscrowTermsHash.of(Anvil.CHAIN_ID, escrow, id, TERMS, Abi.NO_ADDRESS, "other metadata");
        assertThat(sender.revertOf(consumer, EscrowWalletCalls.approve(escrow, id, stale))).startsWith("TermsMismatch(");
        assertThat(sender.revertOf(consumer, EscrowCalls.setTerms(escrow, id, TERMS, Abi.NO_ADDRESS)))
                .as("only the provider sets terms").startsWith("NotProvider(");
        assertThat(sender.revertOf(provider, EscrowWalletCalls.deposit(escrow, id, DEPOSIT)))
                .as("only the consumer deposits").startsWith("NotConsumer(");
        assertThat(sender.revertOf(chain.operator, EscrowCalls.createAgreement(escrow, consumer.getAddress(), provider.getAddress())))
                .as("the operator's key cannot create an agreement between others").startsWith("NotAParty(");

        TransactionReceipt rejected = sender.send(consumer, EscrowWalletCalls.reject(escrow, id));
        assertThat(ServiceEscrow.getAgreementRejectedEvents(rejected)).hasSize(1);
        assertThat(reader.agreement(escrow, id).status()).isEqualTo("Rejected");

        BigInteger other = readyAgreement("rejected by the provider");
        sender.send(provider, EscrowCalls.reject(escrow, other));
        assertThat(reader.agreement(escrow, other).status()).isEqualTo("Rejected");
        assertThat(reader.agreement(escrow, big(999)).exists()).isFalse();
    }

    @Test
    void encodingsAreTheGeneratedBindings() {
        ServiceEscrow bindings = ServiceEscrow.load(escrow, chain.web3j, provider, TollwayOnChain.GAS);
        String ref = Bill.refOf("r", 1);
        byte[] refBytes = Numeric.hexStringToByteArray(ref);
        BigInteger big = BigInteger.TWO.pow(100).add(BigInteger.ONE);

        assertSameData(EscrowCalls.billMany(escrow, List.of(new EscrowCalls.Bill(big(7), big, ref),
                        new EscrowCalls.Bill(big(8), BigInteger.ZERO, Abi.keccak("s")))),
                bindings.billMany(List.of(new ServiceEscrow.BillRequest(big(7), big, refBytes),
                        new ServiceEscrow.BillRequest(big(8), BigInteger.ZERO, Numeric.hexStringToByteArray(Abi.keccak("s"))))).encodeFunctionCall());
        assertSameData(EscrowCalls.billMany(escrow, List.of(new EscrowCalls.Bill(big(1), big(2), ref))),
                bindings.billMany(List.of(new ServiceEscrow.BillRequest(big(1), big(2), refBytes))).encodeFunctionCall());
        assertSameData(EscrowCalls.setTerms(escrow, big(3), TERMS, chain.channelsAddress),
                bindings.setTerms(big(3), TERMS.setupFee(), TERMS.baseFeePerHour(), TERMS.variableFeePerHour(), big(600),
                        chain.channelsAddress).encodeFunctionCall());
        assertSameData(EscrowCalls.setMetadata(escrow, big(3), "Zürich"), bindings.setMetadata(big(3), "Zürich").encodeFunctionCall());
        assertSameData(EscrowCalls.bill(escrow, big(3), big, ref), bindings.bill(big(3), big, refBytes).encodeFunctionCall());
        assertSameData(EscrowWalletCalls.deposit(escrow, big(3), big(9)), bindings.deposit(big(3), big(9)).encodeFunctionCall());
        assertSameData(EscrowWalletCalls.withdrawRefund(escrow, big(3)), bindings.withdrawRefund(big(3)).encodeFunctionCall());
        assertThat(EscrowCalls.billMany(escrow, List.of(new EscrowCalls.Bill(big(1), big(2), ref))).description())
                .isEqualTo("ServiceEscrow.billMany");
    }

    // ------------------------------------------------------------------ helpers

    private static void assertSameData(ContractCall call, String expected) {
        assertThat(call.dataHex()).as(call.description()).isEqualTo(expected);
        assertThat(call.to()).isEqualTo(escrow.toLowerCase());
        assertThat(call.gasLimit()).as("estimated by the gateway").isNull();
    }

    /** An agreement between the consumer and the provider with terms and metadata, waiting for approvals. */
    private static BigInteger readyAgreement(String metadata) throws Exception {
        TransactionReceipt created = sender.send(consumer, EscrowCalls.createAgreement(escrow, consumer.getAddress(), provider.getAddress()));
        BigInteger id = EscrowReader.createdAgreementId(escrow, created.getLogs()).orElseThrow();
        sender.send(provider, EscrowCalls.setTerms(escrow, id, TERMS, Abi.NO_ADDRESS));
        sender.send(consumer, EscrowCalls.setMetadata(escrow, id, metadata));
        return id;
    }

    private static BigInteger activeAgreement(String metadata) throws Exception {
        BigInteger id = readyAgreement(metadata);
        String termsHash = reader.termsHash(escrow, id);
        sender.send(provider, EscrowCalls.approve(escrow, id, termsHash));
        sender.send(consumer, EscrowWalletCalls.approve(escrow, id, termsHash));
        sender.send(consumer, EscrowWalletCalls.deposit(escrow, id, DEPOSIT));
        return id;
    }

    private static EscrowAgreementOnChain viaBindings(BigInteger id) throws Exception {
        ServiceEscrow.AgreementView v = ServiceEscrow.load(escrow, chain.web3j, consumer, TollwayOnChain.GAS).agreement(id).send();
        return new EscrowAgreementOnChain(v.consumer.toLowerCase(), v.provider.toLowerCase(), v.arbiter.toLowerCase(),
                EscrowAgreementOnChain.STATUSES.get(v.status.intValueExact()), v.setupFee, v.baseFeePerHour,
                v.variableFeePerHour, v.lockupSeconds.longValueExact(), v.lastBillAt.longValueExact(), v.remaining,
                v.deposited, v.refunded, v.consumerApproved, v.providerApproved);
    }

    private static TestToken token(Credentials holder) {
        return TestToken.load(chain.tokenAddress, chain.web3j, holder, TollwayOnChain.GAS);
    }
}

package io.tollway.infrastructure.chain.channels;

import io.tollway.infrastructure.chain.signing.LocalKeySigner;
import io.tollway.contracts.generated.PaymentChannels;
import io.tollway.devkit.Anvil;
import io.tollway.domain.model.channel.ChannelTerms;
import io.tollway.domain.model.channel.Cheque;
import io.tollway.infrastructure.chain.Abi;
import io.tollway.infrastructure.chain.CallSender;
import io.tollway.infrastructure.chain.TokenCalls;
import io.tollway.infrastructure.chain.events.TollwayOnChain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import java.math.BigInteger;

import static io.tollway.infrastructure.chain.events.TollwayOnChain.big;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every channel call Tollway encodes, sent to the real {@code PaymentChannels} on anvil from the
 * account that must send it: the agent's through the gateway's estimate-and-sign path, the
 * consumer's as its wallet would. Cheques are signed as a wallet signs the typed data Tollway hands
 * out, closing signatures by {@link ClosingSignatures}; each close is checked by its event and the
 * internal balances it credits.
 */
class ChannelCallsTest {

    /** unit 1,000, setup 5,000, 10..100 units: minimum deposit 15,000; three channels at once. */
    private static final ChannelTerms TERMS = new ChannelTerms("MB", big(1_000), big(5_000), 10, 100, 3, 600, 300, 3);
    private static final String OFFERING = Abi.keccak("vpn per MB");

    private static TollwayOnChain chain;
    private static CallSender sender;
    private static ChannelReader reader;
    private static Eip712ChequeSignatures signatures;
    private static ClosingSignatures closing;
    private static String channels;
    private static Credentials consumer;
    private static Credentials agent;

    private String snapshot;

    @BeforeAll
    static void deploy() throws Exception {
        chain = TollwayOnChain.deploy();
        sender = new CallSender(chain.web3j, chain::transactions);
        reader = new ChannelReader(chain.web3j);
        channels = chain.channelsAddress;
        consumer = chain.consumer;
        agent = chain.provider;
        signatures = new Eip712ChequeSignatures(Anvil.CHAIN_ID, channels);
        closing = new ClosingSignatures(signatures, LocalKeySigner.of(agent));
        sender.send(agent, TokenCalls.approve(chain.tokenAddress, channels, TERMS.stake()));
        TransactionReceipt registered = sender.send(agent, ChannelCalls.registerOffering(channels, OFFERING, TERMS));
        PaymentChannels.OfferingRegisteredEventResponse offering = PaymentChannels.getOfferingRegisteredEvents(registered).get(0);
        assertThat(offering.stake).isEqualTo(TERMS.stake());
        assertThat(offering.agent).isEqualToIgnoringCase(agent.getAddress());
    }

    @AfterAll
    static void stop() {
        System.out.println("Gas used by the channel calls:\n" + sender.gasReport());
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
    void theOfferingReadsAsRegistered() throws Exception {
        OfferingOnChain offering = reader.offering(channels, OFFERING);
        assertThat(offering).isEqualTo(new OfferingOnChain(agent.getAddress(), TERMS.minimumDeposit(), 3, 3,
                offering.updatedAt(), TERMS.stake()));
        assertThat(offering.exists()).isTrue();
        assertThat(reader.offering(channels, Abi.keccak("no such offering")).exists()).isFalse();
        assertThat(reader.challengePeriod(channels)).isEqualTo(3_600);
    }

    @Test
    void aChannelOpensTopsUpAndClosesCooperativelyAtTheChequesBalance() throws Exception {
        ChannelId channel = open(TERMS.price(20));
        assertThat(reader.key(channels, channel)).as("the key computed in Java is the contract's").isEqualTo(channel.key());
        assertThat(reader.offering(channels, OFFERING).available()).isEqualTo(2);

        BigInteger added = TERMS.price(10).subtract(TERMS.setupPrice());
        sender.send(consumer, ChannelWalletCalls.allowDeposits(chain.tokenAddress, channels, added));
        TransactionReceipt toppedUp = sender.send(consumer, ChannelWalletCalls.topUp(channels, channel, added));
        BigInteger deposit = TERMS.price(30);
        assertThat(PaymentChannels.getChannelToppedUpEvents(toppedUp).get(0).deposit).isEqualTo(deposit);
        assertThat(reader.channel(channels, channel.key())).isEqualTo(new ChannelOnChain(deposit, 0, BigInteger.ZERO, 0));

        Cheque cheque = walletCheque(channel, TERMS.price(12));
        TransactionReceipt closed = sender.send(agent, ChannelCalls.cooperativeClose(channels, channel, cheque, closing.sign(cheque)));

        PaymentChannels.ChannelClosedEventResponse event = PaymentChannels.getChannelClosedEvents(closed).get(0);
        assertThat(Numeric.toHexString(event.key)).isEqualTo(channel.key());
        assertThat(event.balance).isEqualTo(TERMS.price(12));
        assertThat(event.fee).isZero();
        assertThat(event.refund).isEqualTo(deposit.subtract(TERMS.price(12)));
        assertThat(reader.channel(channels, channel.key()).open()).as("a closed channel is deleted").isFalse();
        assertThat(reader.offering(channels, OFFERING).available()).isEqualTo(3);
        assertThat(reader.account(channels, agent.getAddress()))
                .isEqualTo(new InternalBalance(TERMS.price(12), BigInteger.ZERO, TERMS.price(12)));

        TransactionReceipt agentWithdrew = sender.send(agent, ChannelCalls.withdraw(channels));
        assertThat(PaymentChannels.getWithdrawnEvents(agentWithdrew).get(0).amount).isEqualTo(TERMS.price(12));
        TransactionReceipt consumerWithdrew = sender.send(consumer, ChannelWalletCalls.withdraw(channels));
        assertThat(PaymentChannels.getWithdrawnEvents(consumerWithdrew).get(0).amount).isEqualTo(event.refund);
        assertThat(reader.account(channels, consumer.getAddress()).withdrawable()).isZero();
    }

    @Test
    void anUncooperativeCloseIsAnsweredInsideTheChallengePeriodAndPaysTheCheque() throws Exception {
        ChannelId channel = open(TERMS.price(20));
        Cheque best = walletCheque(channel, TERMS.price(6));
        BigInteger claimed = TERMS.price(1);

        TransactionReceipt requested = sender.send(consumer, ChannelWalletCalls.uncooperativeClose(channels, channel, claimed));
        long requestedAt = timestampOf(requested);
        long settleAfter = PaymentChannels.getChannelCloseRequestedEvents(requested).get(0).settleAfter.longValueExact();
        ChannelOnChain challenged = reader.channel(channels, channel.key());
        assertThat(challenged.closeRequested()).isTrue();
        assertThat(challenged.closingBalance()).isEqualTo(claimed);
        assertThat(challenged.settleAfter()).isEqualTo(settleAfter).isEqualTo(requestedAt + 3_600);
        assertThat(reader.closeRequestedAt(channels, channel.key())).hasValue(requestedAt);
        assertThat(sender.revertOf(consumer, ChannelWalletCalls.settle(channels, channel))).startsWith("TooEarly(");
        assertThat(sender.revertOf(consumer, ChannelWalletCalls.topUp(channels, channel, big(1)))).startsWith("CloseAlreadyRequested(");

        chain.nextBlockAt(settleAfter - 1);
        TransactionReceipt closed = sender.send(agent, ChannelCalls.cooperativeClose(channels, channel, best, closing.sign(best)));

        assertThat(PaymentChannels.getChannelClosedEvents(closed).get(0).balance).as("the cheque, not the claim").isEqualTo(TERMS.price(6));
        assertThat(reader.account(channels, agent.getAddress()).credited()).isEqualTo(TERMS.price(6));
        assertThat(reader.account(channels, consumer.getAddress()).credited()).isEqualTo(TERMS.price(20).subtract(TERMS.price(6)));
        assertThat(reader.closeRequestedAt(channels, channel.key())).isEmpty();
        assertThat(sender.revertOf(consumer, ChannelWalletCalls.settle(channels, channel))).startsWith("ChannelNotFound(");
    }

    @Test
    void withoutAnAnswerTheConsumerSettlesAtItsClaimAfterTheChallengePeriod() throws Exception {
        ChannelId channel = open(TERMS.price(20));
        TransactionReceipt requested = sender.send(consumer, ChannelWalletCalls.uncooperativeClose(channels, channel, TERMS.price(2)));
        long settleAfter = PaymentChannels.getChannelCloseRequestedEvents(requested).get(0).settleAfter.longValueExact();

        chain.nextBlockAt(settleAfter);
        assertThat(sender.revertOf(agent, ChannelWalletCalls.settle(channels, channel)))
                .as("settle takes the consumer from msg.sender: the agent's key names no channel").startsWith("ChannelNotFound(");
        TransactionReceipt settled = sender.send(consumer, ChannelWalletCalls.settle(channels, channel));

        PaymentChannels.ChannelSettledEventResponse event = PaymentChannels.getChannelSettledEvents(settled).get(0);
        assertThat(event.balance).isEqualTo(TERMS.price(2));
        assertThat(event.refund).isEqualTo(TERMS.price(20).subtract(TERMS.price(2)));
        assertThat(reader.account(channels, agent.getAddress()).credited()).isEqualTo(TERMS.price(2));
    }

    @Test
    void closesTheContractWouldRefuseAreNamedByTheEstimate() throws Exception {
        ChannelId channel = open(TERMS.price(20));
        Cheque cheque = walletCheque(channel, TERMS.price(5));
        ClosingSignatures notTheAgent = new ClosingSignatures(signatures, LocalKeySigner.of(consumer));
        assertThat(sender.revertOf(agent, ChannelCalls.cooperativeClose(channels, channel, cheque, notTheAgent.sign(cheque))))
                .startsWith("InvalidClosingSignature(");
        assertThat(sender.revertOf(agent, ChannelCalls.cooperativeClose(channels, channel, cheque, closing.sign(channel.key(), TERMS.price(4)))))
                .as("the closing signature must be over the cheque's balance").startsWith("InvalidClosingSignature(");

        sender.send(consumer, ChannelWalletCalls.uncooperativeClose(channels, channel, TERMS.price(7)));
        assertThat(sender.revertOf(agent, ChannelCalls.cooperativeClose(channels, channel, cheque, closing.sign(cheque))))
                .as("during a challenge only a balance at least the claim").startsWith("ProofBelowClaimedBalance(");

        ChannelId other = new ChannelId(consumer.getAddress(), agent.getAddress(), channel.openBlock() + 1, OFFERING);
        assertThatThrownBy(() -> ChannelCalls.cooperativeClose(channels, other, cheque, closing.sign(cheque)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the cheque is for channel");
    }

    @Test
    void encodingsAreTheGeneratedBindings() throws Exception {
        PaymentChannels bindings = PaymentChannels.load(channels, chain.web3j, agent, TollwayOnChain.GAS);
        ChannelId channel = new ChannelId(consumer.getAddress(), agent.getAddress(), 4_294_967_296L + 12, OFFERING);
        byte[] offering = Numeric.hexStringToByteArray(OFFERING);
        Cheque cheque = walletCheque(channel, big(77));
        String closingSignature = closing.sign(cheque);

        assertThat(reader.key(channels, channel)).as("uint32(openBlock), as the contract cuts it").isEqualTo(channel.key());
        assertThat(ChannelCalls.cooperativeClose(channels, channel, cheque, closingSignature).dataHex())
                .isEqualTo(bindings.cooperativeClose(consumer.getAddress(), agent.getAddress(), big(channel.openBlock()), offering,
                        big(77), Numeric.hexStringToByteArray(cheque.signature()),
                        Numeric.hexStringToByteArray(closingSignature)).encodeFunctionCall());
        assertThat(ChannelCalls.registerOffering(channels, OFFERING, big(15_000), 3).dataHex())
                .isEqualTo(bindings.registerOffering(offering, big(15_000), big(3)).encodeFunctionCall());
        assertThat(ChannelWalletCalls.createChannel(channels, agent.getAddress(), OFFERING, big(15_000)).dataHex())
                .isEqualTo(bindings.createChannel(agent.getAddress(), offering, big(15_000)).encodeFunctionCall());
        assertThat(ChannelWalletCalls.topUp(channels, channel, big(5)).dataHex())
                .isEqualTo(bindings.topUp(agent.getAddress(), big(channel.openBlock()), offering, big(5)).encodeFunctionCall());
        assertThat(ChannelWalletCalls.uncooperativeClose(channels, channel, big(5)).dataHex())
                .isEqualTo(bindings.uncooperativeClose(agent.getAddress(), big(channel.openBlock()), offering, big(5)).encodeFunctionCall());
        assertThat(ChannelWalletCalls.settle(channels, channel).dataHex())
                .isEqualTo(bindings.settle(agent.getAddress(), big(channel.openBlock()), offering).encodeFunctionCall());
        assertThat(ChannelCalls.withdraw(channels).dataHex()).isEqualTo(bindings.withdraw().encodeFunctionCall());
    }

    // ------------------------------------------------------------------ helpers

    /** The consumer's wallet opens a channel; its identity from the ChannelCreated event. */
    private static ChannelId open(BigInteger deposit) throws Exception {
        sender.send(consumer, ChannelWalletCalls.allowDeposits(chain.tokenAddress, channels, deposit));
        TransactionReceipt receipt = sender.send(consumer, ChannelWalletCalls.createChannel(channels, agent.getAddress(), OFFERING, deposit));
        PaymentChannels.ChannelCreatedEventResponse created = PaymentChannels.getChannelCreatedEvents(receipt).get(0);
        assertThat(created.deposit).isEqualTo(deposit);
        ChannelId channel = new ChannelId(created.consumer, created.agent, created.openBlock.longValueExact(),
                Numeric.toHexString(created.offeringHash));
        assertThat(channel.key()).isEqualTo(Numeric.toHexString(created.key));
        return channel;
    }

    /** A cheque as the consumer's wallet signs it: the typed data Tollway hands out, {@code eth_signTypedData_v4}. */
    private static Cheque walletCheque(ChannelId channel, BigInteger balance) throws Exception {
        Sign.SignatureData signature = Sign.signTypedData(signatures.balanceProofTypedData(channel.key(), balance), consumer.getEcKeyPair());
        byte[] rsv = new byte[65];
        System.arraycopy(signature.getR(), 0, rsv, 0, 32);
        System.arraycopy(signature.getS(), 0, rsv, 32, 32);
        rsv[64] = signature.getV()[0];
        return new Cheque(channel.key(), balance, Numeric.toHexString(rsv));
    }

    private static long timestampOf(TransactionReceipt receipt) throws Exception {
        return chain.web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(receipt.getBlockNumber()), false).send()
                .getBlock().getTimestamp().longValueExact();
    }
}

package io.tollway.contracts;

import static io.tollway.contracts.support.ContractErrors.assertReverts;
import static io.tollway.contracts.support.Tollway.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollway.contracts.generated.PaymentChannels;
import io.tollway.contracts.support.ChainTest;
import io.tollway.contracts.support.Channels;
import io.tollway.contracts.support.Channels.Channel;
import io.tollway.contracts.support.ContractErrors;
import io.tollway.contracts.support.Party;
import io.tollway.contracts.support.TestChain;
import io.tollway.contracts.support.Tollway;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/** PaymentChannels: offerings, channels, balance proofs, cooperative and uncooperative closes, fee, withdrawals. */
class PaymentChannelsTest extends ChainTest {

    private final Channels channels = new Channels(tollway);

    private Party agent() {
        return provider;
    }

    private PaymentChannels as(Party party) {
        return tollway.channels(party);
    }

    /** Signs and sends a transaction to the channels contract with an explicit nonce, without waiting for it to be mined. */
    private String sendRaw(Party from, BigInteger nonce, String data) throws Exception {
        RawTransaction tx = RawTransaction.createTransaction(nonce, TestChain.GAS.getGasPrice(), TestChain.GAS.getGasLimit(),
                tollway.channelsAddress(), data);
        String signed = Numeric.toHexString(TransactionEncoder.signMessage(tx, chain.chainId(), from.credentials()));
        EthSendTransaction sent = chain.web3j().ethSendRawTransaction(signed).send();
        assertThat(sent.hasError()).as("sending: %s", sent.getError() == null ? "" : sent.getError().getMessage()).isFalse();
        return sent.getTransactionHash();
    }

    private TransactionReceipt receipt(String hash) throws Exception {
        return chain.web3j().ethGetTransactionReceipt(hash).send().getTransactionReceipt().orElseThrow();
    }

    // ---------------------------------------------------------------- offerings

    @Test
    void registeringAnOfferingStakesMinDepositTimesSupply() throws Exception {
        BigInteger before = tollway.balanceOf(agent().address());
        TransactionReceipt receipt = as(agent()).registerOffering(Channels.offeringHash("vpn"), tokens(10), BigInteger.valueOf(3)).send();
        assertThat(as(agent()).getOfferingRegisteredEvents(receipt)).singleElement()
                .satisfies(e -> assertThat(e.stake).isEqualTo(tokens(30)));
        assertThat(tollway.balanceOf(agent().address())).isEqualTo(before.subtract(tokens(30)));
        PaymentChannels.OfferingView o = as(agent()).offering(Channels.offeringHash("vpn")).send();
        assertThat(o.agent).isEqualToIgnoringCase(agent().address());
        assertThat(o.available).isEqualTo(BigInteger.valueOf(3));
        assertReverts("OfferingExists", as(stranger), stranger,
                as(stranger).registerOffering(Channels.offeringHash("vpn"), tokens(1), BigInteger.ONE));
    }

    @Test
    void offeringNeedsAPositiveMinimumDepositAndSupply() {
        assertReverts("ZeroMinimumDeposit", as(agent()), agent(),
                as(agent()).registerOffering(Channels.offeringHash("free"), BigInteger.ZERO, BigInteger.ONE));
        assertReverts("ZeroSupply", as(agent()), agent(),
                as(agent()).registerOffering(Channels.offeringHash("none"), tokens(1), BigInteger.ZERO));
    }

    @Test
    void offeringIsRepublishedAndRemovedOnlyAfterItsPeriods() throws Exception {
        byte[] offering = channels.offering(agent(), "vpn", tokens(10), 2);
        assertReverts("TooEarly", as(agent()), agent(), as(agent()).popupOffering(offering));
        assertReverts("TooEarly", as(agent()), agent(), as(agent()).removeOffering(offering));
        chain.advance(Tollway.POPUP_PERIOD);
        assertReverts("NotOfferingAgent", as(stranger), stranger, as(stranger).popupOffering(offering));
        assertThat(as(agent()).getOfferingPoppedUpEvents(as(agent()).popupOffering(offering).send())).hasSize(1);

        Channel open = channels.open(consumer, agent(), offering, tokens(10));
        chain.advance(Tollway.REMOVE_PERIOD);
        assertReverts("OfferingHasOpenChannels", as(agent()), agent(), as(agent()).removeOffering(offering));
        channels.closeCooperatively(agent(), open, tokens(4));
        assertReverts("NotOfferingAgent", as(stranger), stranger, as(stranger).removeOffering(offering));
        TransactionReceipt removed = as(agent()).removeOffering(offering).send();
        assertThat(as(agent()).getOfferingRemovedEvents(removed).get(0).stake).isEqualTo(tokens(20));
        assertThat(channels.withdrawable(agent())).isEqualTo(tokens(24));
        assertReverts("OfferingNotFound", as(consumer), consumer, as(consumer).createChannel(agent().address(), offering, tokens(10)));
    }

    // ---------------------------------------------------------------- channels

    @Test
    void channelTakesOneUnitOfSupplyUntilItCloses() throws Exception {
        byte[] offering = channels.offering(agent(), "vpn", tokens(10), 1);
        Channel c = channels.open(consumer, agent(), offering, tokens(15));
        assertThat(as(consumer).offering(offering).send().available).isZero();
        assertThat(channels.deposit(c)).isEqualTo(tokens(15));
        assertThat(c.key()).isEqualTo(as(consumer).getKey(consumer.address(), agent().address(), c.openBlock(), offering).send());
        assertReverts("SupplyExhausted", as(chain.party(5)), chain.party(5),
                as(chain.party(5)).createChannel(agent().address(), offering, tokens(10)));
        channels.closeCooperatively(stranger, c, tokens(1));
        assertThat(as(consumer).offering(offering).send().available).isEqualTo(BigInteger.ONE);
    }

    @Test
    void depositBelowTheMinimumOrToTheWrongAgentIsRefused() throws Exception {
        byte[] offering = channels.offering(agent(), "vpn", tokens(10), 5);
        assertReverts("DepositBelowMinimum", as(consumer), consumer, as(consumer).createChannel(agent().address(), offering, tokens(9)));
        assertReverts("OfferingNotFound", as(consumer), consumer, as(consumer).createChannel(stranger.address(), offering, tokens(10)));
    }

    @Test
    void secondChannelOfTheSameConsumerOnTheSameOfferingInTheSameBlockFailsWithChannelExists() throws Exception {
        byte[] offering = channels.offering(agent(), "vpn", tokens(10), 5);
        String createData = as(consumer).createChannel(agent().address(), offering, tokens(10)).encodeFunctionCall();
        BigInteger nonce = chain.web3j().ethGetTransactionCount(consumer.address(), DefaultBlockParameterName.LATEST)
                .send().getTransactionCount();
        BigInteger before = tollway.balanceOf(consumer.address());
        TransactionReceipt first;
        TransactionReceipt second;
        chain.anvil().call("evm_setAutomine", "[false]");
        try {
            String firstHash = sendRaw(consumer, nonce, createData);
            String secondHash = sendRaw(consumer, nonce.add(BigInteger.ONE), createData);
            chain.anvil().mine();
            first = receipt(firstHash);
            second = receipt(secondHash);
        } finally {
            chain.anvil().call("evm_setAutomine", "[true]");
        }

        assertThat(second.getBlockNumber()).as("both creates in one block").isEqualTo(first.getBlockNumber());
        assertThat(first.isStatusOK()).isTrue();
        assertThat(second.isStatusOK()).as("same consumer, agent, offering and block: same key").isFalse();
        byte[] key = as(consumer).getChannelCreatedEvents(first).get(0).key;
        assertThat(key).isEqualTo(as(consumer).getKey(consumer.address(), agent().address(), first.getBlockNumber(), offering).send());
        assertThat(as(consumer).channel(key).send().component1()).isEqualTo(tokens(10));
        assertThat(as(consumer).offering(offering).send().available).isEqualTo(BigInteger.valueOf(4));
        assertThat(tollway.balanceOf(consumer.address())).isEqualTo(before.subtract(tokens(10)));
        // the error of the second create, simulated on the state and block of the pair
        assertThat(ContractErrors.revertError(tollway.channelsAddress(), consumer,
                as(consumer).createChannel(agent().address(), offering, tokens(10)), first.getBlockNumber()))
                .isEqualTo("ChannelExists");
    }

    @Test
    void consumerTopsUpItsOwnChannel() throws Exception {
        byte[] offering = channels.offering(agent(), "vpn", tokens(10), 5);
        Channel c = channels.open(consumer, agent(), offering, tokens(10));
        TransactionReceipt receipt = as(consumer).topUp(agent().address(), c.openBlock(), offering, tokens(7)).send();
        assertThat(as(consumer).getChannelToppedUpEvents(receipt).get(0).deposit).isEqualTo(tokens(17));
        assertReverts("ChannelNotFound", as(stranger), stranger, as(stranger).topUp(agent().address(), c.openBlock(), offering, tokens(7)));
    }

    @Test
    void channelDepositAboveUint128FailsWithAmountTooLarge() throws Exception {
        BigInteger uint128Max = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);
        tollway.token(consumer).mint(consumer.address(), uint128Max.add(BigInteger.ONE)).send();
        byte[] offering = channels.offering(agent(), "vpn", tokens(10), 5);
        assertReverts("AmountTooLarge", as(consumer), consumer,
                as(consumer).createChannel(agent().address(), offering, uint128Max.add(BigInteger.ONE)));
        Channel c = channels.open(consumer, agent(), offering, uint128Max);
        assertThat(channels.deposit(c)).isEqualTo(uint128Max);
        assertReverts("AmountTooLarge", as(consumer), consumer,
                as(consumer).topUp(agent().address(), c.openBlock(), offering, BigInteger.ONE));
    }

    @Test
    void cooperativeCloseSplitsTheDeposit() throws Exception {
        byte[] offering = channels.offering(agent(), "vpn", tokens(10), 5);
        Channel c = channels.open(consumer, agent(), offering, tokens(20));
        TransactionReceipt receipt = channels.closeCooperatively(agent(), c, tokens(7));
        PaymentChannels.ChannelClosedEventResponse closed = as(agent()).getChannelClosedEvents(receipt).get(0);
        assertThat(closed.balance).isEqualTo(tokens(7));
        assertThat(closed.refund).isEqualTo(tokens(13));
        assertThat(channels.withdrawable(agent())).isEqualTo(tokens(7));
        assertThat(channels.withdrawable(consumer)).isEqualTo(tokens(13));
        assertThat(channels.deposit(c)).isZero();

        BigInteger before = tollway.balanceOf(consumer.address());
        TransactionReceipt withdrawn = as(consumer).withdraw().send();
        assertThat(as(consumer).getWithdrawnEvents(withdrawn).get(0).amount).isEqualTo(tokens(13));
        assertThat(tollway.balanceOf(consumer.address())).isEqualTo(before.add(tokens(13)));
        assertReverts("NothingToWithdraw", as(consumer), consumer, as(consumer).withdraw());
    }

    @Test
    void closingTwiceIsRefused() throws Exception {
        byte[] offering = channels.offering(agent(), "vpn", tokens(10), 5);
        Channel c = channels.open(consumer, agent(), offering, tokens(20));
        channels.closeCooperatively(agent(), c, tokens(7));
        assertReverts("ChannelNotFound", as(agent()), agent(), as(agent()).cooperativeClose(consumer.address(), agent().address(),
                c.openBlock(), offering, tokens(7), channels.cheque(c, tokens(7)), channels.closing(c, tokens(7))));
        assertReverts("ChannelNotFound", as(consumer), consumer, as(consumer).uncooperativeClose(agent().address(), c.openBlock(), offering, tokens(1)));
    }

    @Test
    void forgedProofsAreRefused() throws Exception {
        byte[] offering = channels.offering(agent(), "vpn", tokens(10), 5);
        Channel c = channels.open(consumer, agent(), offering, tokens(20));
        BigInteger balance = tokens(5);
        byte[] signedByAgent = io.tollway.contracts.support.Cheques.balanceProof(agent().credentials(), chain.chainId(),
                tollway.channelsAddress(), c.key(), balance);
        assertReverts("InvalidBalanceProof", as(agent()), agent(), as(agent()).cooperativeClose(consumer.address(), agent().address(),
                c.openBlock(), offering, balance, signedByAgent, channels.closing(c, balance)));
        assertReverts("InvalidBalanceProof", as(agent()), agent(), as(agent()).cooperativeClose(consumer.address(), agent().address(),
                c.openBlock(), offering, tokens(6), channels.cheque(c, balance), channels.closing(c, tokens(6))));
        assertReverts("InvalidClosingSignature", as(agent()), agent(), as(agent()).cooperativeClose(consumer.address(), agent().address(),
                c.openBlock(), offering, balance, channels.cheque(c, balance), channels.cheque(c, balance)));
        assertReverts("InvalidBalanceProof", as(agent()), agent(), as(agent()).cooperativeClose(consumer.address(), agent().address(),
                c.openBlock(), offering, balance, new byte[65], channels.closing(c, balance)));
    }

    @Test
    void proofAboveTheDepositIsRefused() throws Exception {
        byte[] offering = channels.offering(agent(), "vpn", tokens(10), 5);
        Channel c = channels.open(consumer, agent(), offering, tokens(20));
        BigInteger tooMuch = tokens(21);
        assertReverts("BalanceAboveDeposit", as(agent()), agent(), as(agent()).cooperativeClose(consumer.address(), agent().address(),
                c.openBlock(), offering, tooMuch, channels.cheque(c, tooMuch), channels.closing(c, tooMuch)));
        assertReverts("BalanceAboveDeposit", as(consumer), consumer, as(consumer).uncooperativeClose(agent().address(), c.openBlock(), offering, tooMuch));
        channels.closeCooperatively(agent(), c, tokens(20));
        assertThat(channels.withdrawable(agent())).isEqualTo(tokens(20));
    }

    @Test
    void uncooperativeCloseOpensAChallengeAndSettlesAfterIt() throws Exception {
        byte[] offering = channels.offering(agent(), "vpn", tokens(10), 5);
        Channel c = channels.open(consumer, agent(), offering, tokens(20));
        assertReverts("CloseNotRequested", as(consumer), consumer, as(consumer).settle(agent().address(), c.openBlock(), offering));
        TransactionReceipt requested = as(consumer).uncooperativeClose(agent().address(), c.openBlock(), offering, tokens(3)).send();
        PaymentChannels.ChannelCloseRequestedEventResponse event = as(consumer).getChannelCloseRequestedEvents(requested).get(0);
        assertThat(event.settleAfter.longValueExact()).isEqualTo(chain.timestampOf(requested) + Tollway.CHALLENGE_PERIOD);
        assertReverts("CloseAlreadyRequested", as(consumer), consumer, as(consumer).uncooperativeClose(agent().address(), c.openBlock(), offering, tokens(3)));
        assertReverts("CloseAlreadyRequested", as(consumer), consumer, as(consumer).topUp(agent().address(), c.openBlock(), offering, tokens(3)));

        chain.mineAt(event.settleAfter.longValueExact() - 1);
        assertReverts("TooEarly", as(consumer), consumer, as(consumer).settle(agent().address(), c.openBlock(), offering));
        chain.setNextBlockTimestamp(event.settleAfter.longValueExact());
        TransactionReceipt settled = as(consumer).settle(agent().address(), c.openBlock(), offering).send();
        PaymentChannels.ChannelSettledEventResponse s = as(consumer).getChannelSettledEvents(settled).get(0);
        assertThat(s.balance).isEqualTo(tokens(3));
        assertThat(s.refund).isEqualTo(tokens(17));
        assertThat(channels.withdrawable(agent())).isEqualTo(tokens(3));
        assertThat(channels.withdrawable(consumer)).isEqualTo(tokens(17));
        assertReverts("ChannelNotFound", as(consumer), consumer, as(consumer).settle(agent().address(), c.openBlock(), offering));
    }

    @Test
    void agentAnswersAChallengeWithAHigherProof() throws Exception {
        byte[] offering = channels.offering(agent(), "vpn", tokens(10), 5);
        Channel c = channels.open(consumer, agent(), offering, tokens(20));
        as(consumer).uncooperativeClose(agent().address(), c.openBlock(), offering, tokens(3)).send();
        BigInteger lower = tokens(2);
        assertReverts("ProofBelowClaimedBalance", as(agent()), agent(), as(agent()).cooperativeClose(consumer.address(), agent().address(),
                c.openBlock(), offering, lower, channels.cheque(c, lower), channels.closing(c, lower)));
        channels.closeCooperatively(agent(), c, tokens(11));
        assertThat(channels.withdrawable(agent())).isEqualTo(tokens(11));
        assertThat(channels.withdrawable(consumer)).isEqualTo(tokens(9));
        assertThat(as(consumer).channel(c.key()).send().component3()).as("claimed balance cleared").isZero();
    }

    @Test
    void networkFeeIsAtMostTenPercentAndFixedWhenTheChannelOpens() throws Exception {
        assertReverts("FeeTooHigh", as(deployer), deployer, as(deployer).setNetworkFee(BigInteger.valueOf(1001)));
        assertReverts("OwnableUnauthorizedAccount", as(stranger), stranger, as(stranger).setNetworkFee(BigInteger.valueOf(100)));
        as(deployer).setNetworkFee(BigInteger.valueOf(1000)).send();
        byte[] offering = channels.offering(agent(), "vpn", tokens(10), 5);
        Channel c = channels.open(consumer, agent(), offering, tokens(20));
        as(deployer).setNetworkFee(BigInteger.ZERO).send();
        BigInteger ownerBefore = channels.withdrawable(deployer);
        TransactionReceipt receipt = channels.closeCooperatively(agent(), c, tokens(10));
        assertThat(as(agent()).getChannelClosedEvents(receipt).get(0).fee).isEqualTo(tokens(1));
        assertThat(channels.withdrawable(agent())).isEqualTo(tokens(9));
        assertThat(channels.withdrawable(deployer)).isEqualTo(ownerBefore.add(tokens(1)));
    }

    @Test
    void closingDigestsMatchWeb3jTypedDataHashing() throws Exception {
        byte[] key = Hash.sha3("some channel".getBytes());
        BigInteger balance = tokens(4);
        byte[] onChain = as(consumer).balanceProofDigest(key, balance).send();
        byte[] offChain = new org.web3j.crypto.StructuredDataEncoder(io.tollway.contracts.support.Cheques.typedData(
                io.tollway.contracts.support.Cheques.BALANCE_PROOF, chain.chainId(), tollway.channelsAddress(), key, balance))
                .hashStructuredData();
        assertThat(onChain).isEqualTo(offChain);
    }
}

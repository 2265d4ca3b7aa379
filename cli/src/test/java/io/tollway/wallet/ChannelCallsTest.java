package io.tollway.wallet;

import io.tollway.contracts.generated.PaymentChannels;
import io.tollway.contracts.generated.TestToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.utils.Numeric;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The payment-channel calls the wallet encodes itself equal what the contract's generated binding encodes. */
class ChannelCallsTest {

    private static final String TOKEN = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private static final String CHANNELS = "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0";
    private static final String AGENT = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    private static final String OFFERING = "0x" + "ab".repeat(32);
    private static final PaymentChannel CHANNEL = new PaymentChannel("0x" + "cd".repeat(32), AGENT, 42, OFFERING,
            BigInteger.valueOf(2050), BigInteger.valueOf(350), null, null);
    // never connected: the bindings only encode here
    private static final Web3j OFFLINE = Web3j.build(new HttpService("http://127.0.0.1:1"));
    private static final Credentials ANYONE = Credentials.create("0x01");

    @AfterAll
    static void shutdown() {
        OFFLINE.shutdown();
    }

    private static PaymentChannels channels() {
        return PaymentChannels.load(CHANNELS, OFFLINE, ANYONE, new DefaultGasProvider());
    }

    private static byte[] offering() {
        return Numeric.hexStringToByteArray(OFFERING);
    }

    @Test
    void allowDepositsIsTheTokensApproveForTheChannelsContract() {
        WalletCall call = ChannelCalls.allowDeposits(TOKEN, CHANNELS, BigInteger.valueOf(2050));

        assertThat(call.to()).isEqualTo(TOKEN);
        assertThat(call.purpose()).isEqualTo("allow the channels contract to take the deposit");
        assertThat(call.data()).isEqualTo(TestToken.load(TOKEN, OFFLINE, ANYONE, new DefaultGasProvider())
                .approve(CHANNELS, BigInteger.valueOf(2050)).encodeFunctionCall());
    }

    @Test
    void createChannelOpensTheChannelOnTheAgentsOffering() {
        WalletCall call = ChannelCalls.createChannel(CHANNELS, AGENT, OFFERING, BigInteger.valueOf(1050));

        assertThat(call.to()).isEqualTo(CHANNELS);
        assertThat(call.purpose()).isEqualTo("deposit (at least this much) opening the channel");
        assertThat(call.data()).isEqualTo(channels().createChannel(AGENT, offering(), BigInteger.valueOf(1050)).encodeFunctionCall());
        assertThat(WalletCalls.lastUint256(call)).isEqualTo(1050);
    }

    @Test
    void anOfferedCreateChannelTakesAnotherDepositKeepingAgentAndOffering() {
        WalletCall offered = ChannelCalls.createChannel(CHANNELS, AGENT, OFFERING, BigInteger.valueOf(1050));

        WalletCall larger = ChannelCalls.createChannel(CHANNELS, offered, BigInteger.valueOf(2050));

        assertThat(larger.data()).isEqualTo(channels().createChannel(AGENT, offering(), BigInteger.valueOf(2050)).encodeFunctionCall());
        assertThat(larger.data().substring(0, larger.data().length() - 64))
                .isEqualTo(offered.data().substring(0, offered.data().length() - 64));
    }

    @Test
    void anOfferedCallThatIsNoCreateChannelIsNotReencoded() {
        WalletCall topUp = ChannelCalls.topUp(CHANNELS, CHANNEL, BigInteger.TEN);

        assertThatThrownBy(() -> ChannelCalls.createChannel(CHANNELS, topUp, BigInteger.TEN))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the offered call \"top up the channel\" is not a createChannel call: 0x");
    }

    @Test
    void topUpCloseAndSettleNameTheChannelByAgentOpeningBlockAndOffering() {
        assertThat(ChannelCalls.topUp(CHANNELS, CHANNEL, BigInteger.valueOf(500)).data())
                .isEqualTo(channels().topUp(AGENT, BigInteger.valueOf(42), offering(), BigInteger.valueOf(500)).encodeFunctionCall());
        assertThat(ChannelCalls.uncooperativeClose(CHANNELS, CHANNEL, BigInteger.valueOf(50)).data())
                .isEqualTo(channels().uncooperativeClose(AGENT, BigInteger.valueOf(42), offering(), BigInteger.valueOf(50)).encodeFunctionCall());
        assertThat(ChannelCalls.uncooperativeClose(CHANNELS, CHANNEL, BigInteger.ZERO).data()).as("claiming nothing is owed")
                .isEqualTo(channels().uncooperativeClose(AGENT, BigInteger.valueOf(42), offering(), BigInteger.ZERO).encodeFunctionCall());
        assertThat(ChannelCalls.settle(CHANNELS, CHANNEL).data())
                .isEqualTo(channels().settle(AGENT, BigInteger.valueOf(42), offering()).encodeFunctionCall());
        assertThat(ChannelCalls.withdraw(CHANNELS)).satisfies(call -> {
            assertThat(call.to()).isEqualTo(CHANNELS);
            assertThat(call.data()).isEqualTo(channels().withdraw().encodeFunctionCall());
        });
    }

    @Test
    void amountsOutsideWhatTheContractTakesAreRefusedWhereBuilt() {
        BigInteger max = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);

        assertThat(ChannelCalls.topUp(CHANNELS, CHANNEL, max).data()).isNotEmpty();
        assertThatThrownBy(() -> ChannelCalls.topUp(CHANNELS, CHANNEL, max.add(BigInteger.ONE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the amount must be at most " + max);
        assertThatThrownBy(() -> ChannelCalls.createChannel(CHANNELS, AGENT, OFFERING, BigInteger.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the amount must be more than 0");
        assertThatThrownBy(() -> ChannelCalls.uncooperativeClose(CHANNELS, CHANNEL, BigInteger.ONE.negate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the claimed balance must be 0 to " + max);
        assertThatThrownBy(() -> ChannelCalls.createChannel(CHANNELS, AGENT, "0x1234", BigInteger.TEN))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not 32 bytes of 0x-hex: 0x1234");
    }
}

package io.tollway.wallet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which calls a deposit sends, by the agreement's settlement model and status, as the API shows the agreement. */
class DepositCallsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private static final String ESCROW = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
    private static final BigInteger ON_CHAIN_ID = BigInteger.valueOf(3);
    private static final BigInteger OFFERED = BigInteger.valueOf(4600);
    private static final String CHANNELS = "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0";
    private static final String AGENT = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    private static final String OFFERING = "0x" + "ab".repeat(32);
    private static final String CHANNEL_KEY = "0x" + "cd".repeat(32);
    private static final BigInteger MINIMUM = BigInteger.valueOf(1050);

    /** An agreement view with the calls the API offers in that status (those of AWAITING_DEPOSIT only when asked). */
    private static ObjectNode agreement(String status, boolean offerDeposit) {
        ObjectNode agreement = JSON.createObjectNode().put("id", "a-1").put("settlementModel", "ESCROW").put("status", status)
                .put("onChainId", ON_CHAIN_ID.toString());
        ObjectNode wallet = agreement.putObject("wallet").put("chainId", 31337).put("contract", ESCROW).put("token", TOKEN);
        var calls = wallet.putArray("calls");
        if (offerDeposit) {
            for (WalletCall call : List.of(WalletCalls.allowDeposits(TOKEN, ESCROW, OFFERED),
                    WalletCalls.deposit(WalletCalls.DEPOSIT, ESCROW, ON_CHAIN_ID, OFFERED))) {
                calls.addObject().put("purpose", call.purpose()).put("to", call.to()).put("data", call.data()).put("value", "0");
            }
        } else {
            calls.addObject().put("purpose", "stop the agreement").put("to", ESCROW).put("data", "0x12345678").put("value", "0");
        }
        return agreement;
    }

    @Test
    void theFirstDepositSendsTheOfferedCallsAsTheyAre() {
        List<WalletCall> calls = ConsumerSide.depositCalls(agreement("AWAITING_DEPOSIT", true), null);

        assertThat(calls).containsExactly(WalletCalls.allowDeposits(TOKEN, ESCROW, OFFERED),
                WalletCalls.deposit(WalletCalls.DEPOSIT, ESCROW, ON_CHAIN_ID, OFFERED));
    }

    @Test
    void aLargerFirstDepositReencodesBothCalls() {
        BigInteger amount = BigInteger.valueOf(10_000);

        List<WalletCall> calls = ConsumerSide.depositCalls(agreement("AWAITING_DEPOSIT", true), amount);

        assertThat(calls).extracting(WalletCall::to).containsExactly(TOKEN, ESCROW);
        assertThat(calls).extracting(WalletCalls::lastUint256).containsExactly(amount, amount);
        assertThat(calls.get(1).data()).isEqualTo(WalletCalls.deposit("", ESCROW, ON_CHAIN_ID, amount).data());
    }

    @Test
    void aFirstDepositBelowTheOfferedMinimumIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> ConsumerSide.depositCalls(agreement("AWAITING_DEPOSIT", true), BigInteger.valueOf(4599)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the first deposit of agreement a-1 must be at least 4600");
    }

    @Test
    void aTopUpWhileRunningIsBuiltByTheWalletAndNeedsTheAmount() {
        for (String status : List.of("ACTIVE", "SUSPENDED")) {
            List<WalletCall> calls = ConsumerSide.depositCalls(agreement(status, false), BigInteger.valueOf(3600));

            assertThat(calls).containsExactly(WalletCalls.allowDeposits(TOKEN, ESCROW, BigInteger.valueOf(3600)),
                    WalletCalls.deposit(WalletCalls.TOP_UP, ESCROW, ON_CHAIN_ID, BigInteger.valueOf(3600)));
            assertThatThrownBy(() -> ConsumerSide.depositCalls(agreement(status, false), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("agreement a-1 is " + status + ": a top-up needs the amount");
        }
    }

    @Test
    void noDepositInOtherStatusesOrBeforeTheAgreementIsOnChain() {
        assertThatThrownBy(() -> ConsumerSide.depositCalls(agreement("AWAITING_APPROVAL", false), BigInteger.TEN))
                .isInstanceOf(NotPossibleNow.class)
                .hasMessage("agreement a-1 is AWAITING_APPROVAL: deposits are taken while AWAITING_DEPOSIT, top-ups while ACTIVE or SUSPENDED");

        ObjectNode requested = JSON.createObjectNode().put("id", "a-2").put("status", "REQUESTED").putNull("onChainId");
        requested.putNull("wallet");
        assertThatThrownBy(() -> ConsumerSide.depositCalls(requested, BigInteger.TEN))
                .isInstanceOf(NotPossibleNow.class)
                .hasMessage("agreement a-2 is REQUESTED and not on chain yet: nothing to deposit into");
    }

    /**
     * A payment-channel agreement: before its channel exists the API offers the allowance and
     * createChannel while AWAITING_DEPOSIT ({@code onChainId} null); once open, {@code channel} names it.
     */
    private static ObjectNode channelAgreement(String status, boolean channelOpen) {
        ObjectNode agreement = JSON.createObjectNode().put("id", "c-1").put("settlementModel", "CHANNEL").put("status", status);
        ObjectNode wallet = agreement.putObject("wallet").put("chainId", 31337).put("contract", CHANNELS).put("token", TOKEN);
        var calls = wallet.putArray("calls");
        if (channelOpen) {
            agreement.put("onChainId", CHANNEL_KEY);
            agreement.putObject("channel").put("key", CHANNEL_KEY).put("agent", AGENT).put("openBlock", 42)
                    .put("offeringHash", OFFERING).put("deposit", "2050").put("bestCheque", "0");
        } else {
            agreement.putNull("onChainId");
            agreement.putNull("channel");
            if (status.equals("AWAITING_DEPOSIT")) {
                for (WalletCall call : List.of(ChannelCalls.allowDeposits(TOKEN, CHANNELS, MINIMUM),
                        ChannelCalls.createChannel(CHANNELS, AGENT, OFFERING, MINIMUM))) {
                    calls.addObject().put("purpose", call.purpose()).put("to", call.to()).put("data", call.data()).put("value", "0");
                }
            }
        }
        return agreement;
    }

    @Test
    void aChannelOpensWithTheOfferedCallsBeforeItIsOnChain() {
        List<WalletCall> calls = ConsumerSide.depositCalls(channelAgreement("AWAITING_DEPOSIT", false), null);

        assertThat(calls).containsExactly(ChannelCalls.allowDeposits(TOKEN, CHANNELS, MINIMUM),
                ChannelCalls.createChannel(CHANNELS, AGENT, OFFERING, MINIMUM));
    }

    @Test
    void aLargerChannelDepositAllowsAndOpensWithThatAmount() {
        BigInteger amount = BigInteger.valueOf(2050);

        List<WalletCall> calls = ConsumerSide.depositCalls(channelAgreement("AWAITING_DEPOSIT", false), amount);

        assertThat(calls).containsExactly(ChannelCalls.allowDeposits(TOKEN, CHANNELS, amount),
                ChannelCalls.createChannel(CHANNELS, AGENT, OFFERING, amount));
        assertThatThrownBy(() -> ConsumerSide.depositCalls(channelAgreement("AWAITING_DEPOSIT", false), BigInteger.valueOf(1049)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the first deposit of agreement c-1 must be at least 1050");
    }

    @Test
    void aChannelThatIsOpenAlreadyIsNotOpenedAgain() {
        assertThatThrownBy(() -> ConsumerSide.depositCalls(channelAgreement("AWAITING_DEPOSIT", true), BigInteger.valueOf(2050)))
                .isInstanceOf(NotPossibleNow.class)
                .hasMessage("the channel of agreement c-1 is open already with 2050; top it up once it is ACTIVE: tollway-wallet deposit c-1 <amount>");
    }

    @Test
    void aChannelTopUpIsBuiltFromTheChannelWhileItRuns() {
        PaymentChannel channel = new PaymentChannel(CHANNEL_KEY, AGENT, 42, OFFERING, BigInteger.valueOf(2050), BigInteger.ZERO, null, null);
        for (String status : List.of("ACTIVE", "SUSPENDED")) {
            List<WalletCall> calls = ConsumerSide.depositCalls(channelAgreement(status, true), BigInteger.valueOf(500));

            assertThat(calls).containsExactly(ChannelCalls.allowDeposits(TOKEN, CHANNELS, BigInteger.valueOf(500)),
                    ChannelCalls.topUp(CHANNELS, channel, BigInteger.valueOf(500)));
            assertThatThrownBy(() -> ConsumerSide.depositCalls(channelAgreement(status, true), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("agreement c-1 is " + status + ": a top-up needs the amount");
        }
        assertThatThrownBy(() -> ConsumerSide.depositCalls(channelAgreement("TERMINATED", true), BigInteger.TEN))
                .isInstanceOf(NotPossibleNow.class)
                .hasMessage("agreement c-1 is TERMINATED: deposits are taken while AWAITING_DEPOSIT, top-ups while ACTIVE or SUSPENDED");
    }
}

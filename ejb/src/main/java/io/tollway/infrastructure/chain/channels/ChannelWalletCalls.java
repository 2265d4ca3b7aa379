package io.tollway.infrastructure.chain.channels;

import io.tollway.infrastructure.chain.Abi;
import io.tollway.infrastructure.chain.TokenCalls;
import io.tollway.infrastructure.chain.transaction.ContractCall;
import org.web3j.abi.datatypes.generated.Uint256;

import java.math.BigInteger;

/**
 * Calls of {@code PaymentChannels} that only the consumer's own wallet can make: the contract
 * computes the channel key from {@code msg.sender} as the consumer, so the same bytes sent by
 * anyone else name another (non-existent) channel. Never sent by the gateway; the API hands each
 * to the wallet as {@code {to, data, value}}.
 *
 * <p>A consumer's refund after a close or settlement lands in its internal balance on the
 * contract: it gets its tokens with {@link #withdraw}.
 */
public final class ChannelWalletCalls {

    private ChannelWalletCalls() {
    }

    /** Lets the channels contract pull up to {@code amount} of the consumer's tokens (ERC-20 {@code approve}). */
    public static ContractCall allowDeposits(String token, String channels, BigInteger amount) {
        return TokenCalls.approve(token, channels, amount);
    }

    /**
     * Opens a channel with at least the offering's minimum deposit ({@code ChannelCreated(key,
     * agent, consumer, offeringHash, openBlock, deposit)}; the open block completes its {@link ChannelId}).
     */
    public static ContractCall createChannel(String channels, String agent, String offeringHash, BigInteger deposit) {
        return ChannelCalls.call(channels, "createChannel", Abi.partyOf("agent", agent),
                Abi.bytes32Of("offeringHash", offeringHash), Abi.uint256("deposit", Abi.positive("deposit", deposit, ChannelCalls.MAX_AMOUNT)));
    }

    /** Adds to an open channel, not after a close was requested ({@code ChannelToppedUp}). */
    public static ContractCall topUp(String channels, ChannelId channel, BigInteger amount) {
        return ChannelCalls.call(channels, "topUp", Abi.partyOf("agent", channel.agent()), new Uint256(channel.openBlock()),
                Abi.bytes32Of("offeringHash", channel.offeringHash()),
                Abi.uint256("amount", Abi.positive("amount", amount, ChannelCalls.MAX_AMOUNT)));
    }

    /**
     * Starts the challenge period, claiming {@code balance} for the agent
     * ({@code ChannelCloseRequested(key, balance, settleAfter)}).
     */
    public static ContractCall uncooperativeClose(String channels, ChannelId channel, BigInteger balance) {
        return ChannelCalls.call(channels, "uncooperativeClose", Abi.partyOf("agent", channel.agent()),
                new Uint256(channel.openBlock()), Abi.bytes32Of("offeringHash", channel.offeringHash()),
                Abi.uint256("balance", Abi.atMost("balance", balance, ChannelCalls.MAX_AMOUNT)));
    }

    /** After the challenge period: pays the claimed balance to the agent, the rest to the consumer ({@code ChannelSettled}). */
    public static ContractCall settle(String channels, ChannelId channel) {
        return ChannelCalls.call(channels, "settle", Abi.partyOf("agent", channel.agent()), new Uint256(channel.openBlock()),
                Abi.bytes32Of("offeringHash", channel.offeringHash()));
    }

    /** Moves the consumer's internal balance (refunds of closed channels) to its account. */
    public static ContractCall withdraw(String channels) {
        return ChannelCalls.withdraw(channels);
    }
}

package io.tollway.infrastructure.chain.channels;

import io.tollway.domain.model.channel.ChannelTerms;
import io.tollway.domain.model.channel.Cheque;
import io.tollway.infrastructure.chain.Abi;
import io.tollway.infrastructure.chain.transaction.ContractCall;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * Calls of {@code PaymentChannels} that Tollway sends through the gateway under the agent's
 * (provider's) key. The offering stake is pulled from the agent, so the agent's token allowance
 * for the channels contract ({@code TokenCalls.approve}) must come first. Closes and settlements
 * credit internal balances; {@link #withdraw} moves the agent's out. Gas is left to the gateway's
 * estimate, which also stops a close the contract would refuse before it costs a nonce.
 */
public final class ChannelCalls {

    static final String CONTRACT = "PaymentChannels";
    /** The contract stores deposits and stakes as uint128. */
    static final BigInteger MAX_AMOUNT = ChannelTerms.MAX_AMOUNT;

    private ChannelCalls() {
    }

    /**
     * Registers an offering and stakes {@code minDeposit × supply} of the signer's tokens
     * ({@code OfferingRegistered}). The signer becomes the offering's agent.
     *
     * @param offeringHash the hash of the off-chain offering message, 32 bytes of hex
     * @param minDeposit   the smallest channel deposit, more than 0
     * @param supply       channels that may be open at once, 1..65535
     */
    public static ContractCall registerOffering(String channels, String offeringHash, BigInteger minDeposit, int supply) {
        if (supply < 1 || supply > ChannelTerms.MAX_SUPPLY) {
            throw new IllegalArgumentException("supply must be 1 to " + ChannelTerms.MAX_SUPPLY + ", was " + supply);
        }
        Abi.positive("minDeposit", minDeposit, MAX_AMOUNT);
        if (minDeposit.multiply(BigInteger.valueOf(supply)).compareTo(MAX_AMOUNT) > 0) {
            throw new IllegalArgumentException("minDeposit × supply must be at most 2^128 - 1, was " + minDeposit + " × " + supply);
        }
        return call(channels, "registerOffering", Abi.bytes32Of("offeringHash", offeringHash), new Uint256(minDeposit),
                new Uint256(supply));
    }

    /** The offering of these terms: minimum deposit {@code unitPrice × minUnits + setupPrice}, their supply. */
    public static ContractCall registerOffering(String channels, String offeringHash, ChannelTerms terms) {
        return registerOffering(channels, offeringHash, terms.minimumDeposit(), terms.supply());
    }

    /**
     * Closes the channel at the cheque's balance: the consumer's balance proof (the cheque) and
     * the agent's {@code ClosingProof} over the same key and balance ({@link ClosingSignatures}).
     * Anyone may send it. During a challenge (after the consumer's {@code uncooperativeClose}) it
     * is still accepted, until the consumer's {@code settle} is mined, if the balance is at least
     * the one the consumer claimed. Emits {@code ChannelClosed(key, balance, fee, refund)}.
     *
     * @param closingSignature the agent's 65-byte signature (r, s, v) as 0x-hex
     */
    public static ContractCall cooperativeClose(String channels, ChannelId channel, Cheque cheque, String closingSignature) {
        Objects.requireNonNull(cheque, "cheque");
        if (!channel.key().equals(cheque.channelKey())) {
            throw new IllegalArgumentException("the cheque is for channel " + cheque.channelKey() + ", not " + channel.key());
        }
        return call(channels, "cooperativeClose", Abi.partyOf("consumer", channel.consumer()),
                Abi.partyOf("agent", channel.agent()), new Uint256(channel.openBlock()),
                Abi.bytes32Of("offeringHash", channel.offeringHash()), Abi.uint256("balance", cheque.balance()),
                new DynamicBytes(Numeric.hexStringToByteArray(cheque.signature())), signature(closingSignature));
    }

    /** Moves the signer's internal balance (earnings, returned stakes, fees) to it ({@code Withdrawn}). */
    public static ContractCall withdraw(String channels) {
        return call(channels, "withdraw");
    }

    static ContractCall call(String channels, String function, Type<?>... arguments) {
        return Abi.call(CONTRACT, channels, function, List.of(arguments));
    }

    private static DynamicBytes signature(String hex) {
        byte[] rsv = Numeric.hexStringToByteArray(Objects.requireNonNull(hex, "closingSignature"));
        if (rsv.length != 65) {
            throw new IllegalArgumentException("closingSignature must be 65 bytes (r, s, v), was " + rsv.length);
        }
        return new DynamicBytes(rsv);
    }
}

package io.tollway.wallet;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The calls of {@code PaymentChannels} the consumer's wallet sends: open a channel (after the
 * token allowance), top it up, and its own way out without Tollway — {@code uncooperativeClose},
 * after the challenge period {@code settle}, then {@code withdraw} of the refund from its internal
 * balance on the contract. The contract finds the channel from {@code msg.sender} with the agent,
 * opening block and offering, so these calls can only ever touch this wallet's own channels. The
 * purposes are the API's own words where it offers the same call.
 */
public final class ChannelCalls {

    public static final String ALLOW_DEPOSITS = "allow the channels contract to take the deposit";
    public static final String OPEN = "deposit (at least this much) opening the channel";
    public static final String TOP_UP = "top up the channel";
    public static final String CLOSE = "close the channel, claiming this balance for the provider";
    public static final String SETTLE = "settle the channel after the challenge period";
    public static final String WITHDRAW = "withdraw refunds of closed channels";

    /** What {@code PaymentChannels} keeps as a deposit or balance (uint128 in its storage). */
    static final BigInteger MAX_AMOUNT = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);
    private static final BigInteger MAX_UINT256 = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    private static final String CREATE_CHANNEL = Hash.sha3String("createChannel(address,bytes32,uint256)").substring(0, 10);
    private static final Pattern BYTES32 = Pattern.compile("0x[0-9a-fA-F]{64}");

    private ChannelCalls() {
    }

    /** ERC-20 {@code approve(channels, amount)} on the token: lets the channels contract pull the deposit or top-up. */
    public static WalletCall allowDeposits(String token, String channels, BigInteger amount) {
        return call(ALLOW_DEPOSITS, token, "approve", new Address(channels), new Uint256(positive(amount, MAX_UINT256)));
    }

    /** {@code createChannel(agent, offeringHash, deposit)}: opens the channel with at least the offering's minimum deposit. */
    public static WalletCall createChannel(String channels, String agent, String offeringHash, BigInteger deposit) {
        return call(OPEN, channels, "createChannel", new Address(agent), bytes32(offeringHash), new Uint256(positive(deposit, MAX_AMOUNT)));
    }

    /**
     * The offered {@code createChannel} call with another deposit: the agent and offering stay as
     * offered, the call goes to {@code channels} (the contract the allowance is for).
     *
     * @throws IllegalStateException when the offered call is no {@code createChannel}
     */
    static WalletCall createChannel(String channels, WalletCall offered, BigInteger deposit) {
        String data = offered.data();
        if (!data.toLowerCase().startsWith(CREATE_CHANNEL) || data.length() != 10 + 3 * 64) {
            throw new IllegalStateException("the offered call \"" + offered.purpose() + "\" is not a createChannel call: " + data);
        }
        String agent = "0x" + data.substring(10 + 24, 10 + 64);
        String offeringHash = "0x" + data.substring(10 + 64, 10 + 128);
        return createChannel(channels, agent, offeringHash, deposit);
    }

    /** {@code topUp(agent, openBlock, offeringHash, amount)}: adds to the open channel (not once a close was requested). */
    public static WalletCall topUp(String channels, PaymentChannel channel, BigInteger amount) {
        return call(TOP_UP, channels, "topUp", new Address(channel.agent()), new Uint256(channel.openBlock()),
                bytes32(channel.offeringHash()), new Uint256(positive(amount, MAX_AMOUNT)));
    }

    /**
     * {@code uncooperativeClose(agent, openBlock, offeringHash, balance)}: starts the challenge
     * period claiming {@code balance} for the provider; until it ends the provider may still close
     * with a cheque of at least that balance.
     */
    public static WalletCall uncooperativeClose(String channels, PaymentChannel channel, BigInteger balance) {
        if (balance == null || balance.signum() < 0 || balance.compareTo(MAX_AMOUNT) > 0) {
            throw new IllegalArgumentException("the claimed balance must be 0 to " + MAX_AMOUNT);
        }
        return call(CLOSE, channels, "uncooperativeClose", new Address(channel.agent()), new Uint256(channel.openBlock()),
                bytes32(channel.offeringHash()), new Uint256(balance));
    }

    /** {@code settle(agent, openBlock, offeringHash)}: after the challenge period, pays the claim and credits the rest to the consumer. */
    public static WalletCall settle(String channels, PaymentChannel channel) {
        return call(SETTLE, channels, "settle", new Address(channel.agent()), new Uint256(channel.openBlock()),
                bytes32(channel.offeringHash()));
    }

    /** {@code withdraw()}: moves this wallet's internal balance on the contract (refunds of closed channels) to it. */
    public static WalletCall withdraw(String channels) {
        return call(WITHDRAW, channels, "withdraw");
    }

    private static Bytes32 bytes32(String hex) {
        if (hex == null || !BYTES32.matcher(hex).matches()) {
            throw new IllegalArgumentException("not 32 bytes of 0x-hex: " + hex);
        }
        return new Bytes32(Numeric.hexStringToByteArray(hex));
    }

    private static BigInteger positive(BigInteger amount, BigInteger max) {
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("the amount must be more than 0");
        }
        if (amount.compareTo(max) > 0) {
            throw new IllegalArgumentException("the amount must be at most " + max);
        }
        return amount;
    }

    @SuppressWarnings("rawtypes")
    private static WalletCall call(String purpose, String contract, String function, Type... arguments) {
        String data = FunctionEncoder.encode(new Function(function, List.of(arguments), List.of()));
        return new WalletCall(purpose, contract, data, BigInteger.ZERO);
    }
}

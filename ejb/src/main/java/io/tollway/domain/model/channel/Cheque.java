package io.tollway.domain.model.channel;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A consumer's cheque: its EIP-712 {@code BalanceProof} signature over the cumulative
 * {@code balance} it owes the agent on channel {@code channelKey}. A cheque names neither chain
 * nor contract: the signature is bound to this deployment's, and only a {@link ChequeSignatures}
 * built for this deployment can say who signed it.
 *
 * <p>Hex values are stored lower-case with {@code 0x}; a malformed value fails here (the API's
 * invalid request), never later.
 *
 * @param channelKey the channel's key, 32 bytes of hex ({@code getKey(consumer, agent, openBlock, offeringHash)})
 * @param balance    cumulative amount owed to the agent, 0 to 2^256 − 1 (a uint256)
 * @param signature  65 bytes of hex: r, s and v (27 or 28)
 */
public record Cheque(String channelKey, BigInteger balance, String signature) {

    /** The largest uint256. */
    public static final BigInteger MAX_BALANCE = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    private static final Pattern KEY = Pattern.compile("0x[0-9a-f]{64}");
    private static final Pattern SIGNATURE = Pattern.compile("0x[0-9a-f]{130}");

    public Cheque {
        channelKey = lowerCase(channelKey, "channelKey");
        signature = lowerCase(signature, "signature");
        if (!KEY.matcher(channelKey).matches()) {
            throw new IllegalArgumentException("channelKey must be 0x and 32 bytes of hex, was " + channelKey);
        }
        if (!SIGNATURE.matcher(signature).matches()) {
            throw new IllegalArgumentException("signature must be 0x and 65 bytes of hex (r, s, v)");
        }
        Objects.requireNonNull(balance, "balance");
        if (balance.signum() < 0 || balance.compareTo(MAX_BALANCE) > 0) {
            throw new IllegalArgumentException("balance must be 0 to 2^256 - 1, was " + balance);
        }
    }

    private static String lowerCase(String value, String name) {
        return Objects.requireNonNull(value, name).toLowerCase(Locale.ROOT);
    }
}

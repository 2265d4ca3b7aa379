package io.tollway.wallet;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

import java.math.BigInteger;
import java.util.List;

/**
 * The calls the wallet builds itself: a deposit of another amount than the one offered, a top-up
 * (the API offers no deposit call once the agreement runs), and test tokens on a development chain.
 * The purposes are the API's own words for the same calls.
 */
public final class WalletCalls {

    public static final String ALLOW_DEPOSITS = "allow the escrow to take the deposit";
    public static final String DEPOSIT = "deposit (at least this much)";
    public static final String TOP_UP = "deposit";
    public static final String MINT = "mint test tokens";

    /** What {@code ServiceEscrow} takes as an amount (uint128 in its storage). */
    static final BigInteger MAX_DEPOSIT = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);
    private static final BigInteger MAX_UINT256 = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    private WalletCalls() {
    }

    /** ERC-20 {@code approve(escrow, amount)} on the token: lets the escrow pull the deposit. */
    public static WalletCall allowDeposits(String token, String escrow, BigInteger amount) {
        return call(ALLOW_DEPOSITS, token, "approve", new Address(escrow), new Uint256(positive(amount, MAX_UINT256)));
    }

    /** {@code ServiceEscrow.deposit(onChainId, amount)}: the first deposit, or a top-up while it runs. */
    public static WalletCall deposit(String purpose, String escrow, BigInteger onChainId, BigInteger amount) {
        return call(purpose, escrow, "deposit", new Uint256(onChainId), new Uint256(positive(amount, MAX_DEPOSIT)));
    }

    /** {@code TestToken.mint(to, amount)}: anyone may mint it; it exists on development chains only. */
    public static WalletCall mint(String token, String to, BigInteger amount) {
        return call(MINT, token, "mint", new Address(to), new Uint256(positive(amount, MAX_UINT256)));
    }

    /** The amount a call built by {@link #deposit} or offered by the API deposits (its last argument). */
    static BigInteger lastUint256(WalletCall call) {
        String data = call.data().startsWith("0x") ? call.data().substring(2) : call.data();
        if (data.length() < 8 + 64) {
            throw new IllegalArgumentException("not a call with a uint256 argument: " + call.data());
        }
        return new BigInteger(data.substring(data.length() - 64), 16);
    }

    static BigInteger positive(BigInteger amount, BigInteger max) {
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("the amount must be more than 0");
        }
        if (amount.compareTo(max) > 0) {
            throw new IllegalArgumentException("the amount must be at most " + max);
        }
        return amount;
    }

    @SuppressWarnings("rawtypes")
    static WalletCall call(String purpose, String contract, String function, Type... arguments) {
        String data = FunctionEncoder.encode(new Function(function, List.of(arguments), List.of()));
        return new WalletCall(purpose, contract, data, BigInteger.ZERO);
    }
}

package io.tollway.infrastructure.chain;

import io.tollway.infrastructure.chain.transaction.ContractCall;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.List;

/** Calls of the payment token (ERC-20), encoded for the gateway. */
public final class TokenCalls {

    /** Enough for an ERC-20 transfer to a new holder, with room to spare. */
    private static final long TRANSFER_GAS = 100_000;

    private TokenCalls() {
    }

    public static ContractCall transfer(String token, String to, BigInteger amount) {
        if (to == null || !to.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("to must be an address (0x and 40 hex digits)");
        }
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        String data = FunctionEncoder.encode(new Function("transfer", List.of(new Address(to), new Uint256(amount)), List.of()));
        return new ContractCall("TestToken.transfer", token, BigInteger.ZERO, Numeric.hexStringToByteArray(data), TRANSFER_GAS);
    }

    /**
     * Allows {@code spender} (the escrow or the channels contract) to pull up to {@code amount}:
     * a consumer's deposit and an agent's offering stake need it first. It sets the allowance,
     * it does not add to it. Gas is estimated: tokens differ in what an approval costs.
     */
    public static ContractCall approve(String token, String spender, BigInteger amount) {
        return Abi.call("Token", token, "approve", List.of(Abi.partyOf("spender", spender), Abi.uint256("amount", amount)));
    }
}

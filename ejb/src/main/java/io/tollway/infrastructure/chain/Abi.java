package io.tollway.infrastructure.chain;

import io.tollway.infrastructure.chain.transaction.ContractCall;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Arguments of Tollway's contract calls, checked before they are encoded: web3j encodes a
 * malformed address or a negative amount without complaint, and the mistake would only show as a
 * revert (or worse, a call that succeeds with the wrong party). Each check names the argument.
 */
public final class Abi {

    /** The zero address: "no arbiter", "no one". */
    public static final String NO_ADDRESS = "0x" + "0".repeat(40);
    /** The largest uint256. */
    public static final BigInteger MAX_UINT256 = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");
    private static final Pattern BYTES32 = Pattern.compile("0x[0-9a-f]{64}");

    private Abi() {
    }

    /** A call of {@code contract.function(arguments)} that sends no ether; its gas is estimated when signed. */
    @SuppressWarnings("rawtypes")
    public static ContractCall call(String contractName, String contract, String function, List<? extends Type> arguments) {
        String data = FunctionEncoder.encode(new Function(function, new ArrayList<>(arguments), List.of()));
        return new ContractCall(contractName + "." + function, address("contract", contract), BigInteger.ZERO,
                Numeric.hexStringToByteArray(data), null);
    }

    public static Address addressOf(String name, String value) {
        return new Address(address(name, value));
    }

    /** The address lower-case, or an exception naming the argument. */
    public static String address(String name, String value) {
        String address = Objects.requireNonNull(value, name).toLowerCase(Locale.ROOT);
        if (!ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException(name + " must be an address (0x and 40 hex digits), was " + value);
        }
        return address;
    }

    /** An address that must not be the zero address (the contracts refuse it as a party). */
    public static Address partyOf(String name, String value) {
        String address = address(name, value);
        if (address.equals(NO_ADDRESS)) {
            throw new IllegalArgumentException(name + " must not be the zero address");
        }
        return new Address(address);
    }

    public static Uint256 uint256(String name, BigInteger value) {
        return new Uint256(atMost(name, value, MAX_UINT256));
    }

    /** A value of 0 to {@code max}: the width the contract stores it in. */
    public static BigInteger atMost(String name, BigInteger value, BigInteger max) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be 0 to " + max + ", was " + value);
        }
        return value;
    }

    /** A value of 1 to {@code max}. */
    public static BigInteger positive(String name, BigInteger value, BigInteger max) {
        atMost(name, value, max);
        if (value.signum() == 0) {
            throw new IllegalArgumentException(name + " must be more than 0");
        }
        return value;
    }

    public static Bytes32 bytes32Of(String name, String hex) {
        return new Bytes32(Numeric.hexStringToByteArray(bytes32(name, hex)));
    }

    /** 32 bytes as 0x-hex, lower-case, or an exception naming the argument. */
    public static String bytes32(String name, String hex) {
        String value = Objects.requireNonNull(hex, name).toLowerCase(Locale.ROOT);
        if (!BYTES32.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be 0x and 32 bytes of hex, was " + hex);
        }
        return value;
    }

    /** Keccak-256 of the text's UTF-8 bytes, as 0x-hex: a bytes32 reference made of a business id. */
    public static String keccak(String text) {
        return Numeric.toHexString(Hash.sha3(Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8)));
    }
}

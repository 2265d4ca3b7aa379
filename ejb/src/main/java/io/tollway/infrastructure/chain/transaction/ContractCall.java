package io.tollway.infrastructure.chain.transaction;

import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a transaction does: a call of a contract function (ABI-encoded by the contract family's
 * gateway), or a plain value transfer when the data is empty.
 *
 * @param description what it is, for people: e.g. "ServiceEscrow.bill"
 * @param to          the contract, 0x-prefixed
 * @param value       wei sent along
 * @param data        the ABI-encoded call
 * @param gasLimit    the gas limit, or null to have it estimated when the transaction is signed
 */
public record ContractCall(String description, String to, BigInteger value, byte[] data, Long gasLimit) {

    public ContractCall {
        Objects.requireNonNull(description, "description");
        if (to == null || !to.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("'" + to + "' is not an address");
        }
        to = to.toLowerCase();
        value = value == null ? BigInteger.ZERO : value;
        if (value.signum() < 0) {
            throw new IllegalArgumentException("value must not be negative");
        }
        data = data == null ? new byte[0] : data.clone();
        if (gasLimit != null && gasLimit < 21_000) {
            throw new IllegalArgumentException("gas limit " + gasLimit + " is below the 21000 of any transaction");
        }
    }

    /** A call whose data comes as 0x-hex (e.g. from a process variable). */
    public static ContractCall ofHex(String description, String to, BigInteger value, String dataHex, Long gasLimit) {
        if (dataHex == null || !dataHex.matches("(0x)?([0-9a-fA-F]{2})*")) {
            throw new IllegalArgumentException("call data must be hex, was " + dataHex);
        }
        return new ContractCall(description, to, value, Numeric.hexStringToByteArray(dataHex), gasLimit);
    }

    /** The call data as 0x-hex. */
    public String dataHex() {
        return Numeric.toHexString(data);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Whether this is the same call as another, field by field (records compare arrays by identity). */
    public boolean sameAs(ContractCall other) {
        return to.equals(other.to) && value.equals(other.value) && Arrays.equals(data, other.data);
    }
}

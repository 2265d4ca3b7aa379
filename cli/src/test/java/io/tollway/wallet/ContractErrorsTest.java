package io.tollway.wallet;

import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;

import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContractErrorsTest {

    private static final String CONSUMER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

    /** Revert data is encoded like a call: the error's selector, then its arguments. */
    private static String revert(String error, org.web3j.abi.datatypes.Type<?>... arguments) {
        return FunctionEncoder.encode(new Function(error, List.of(arguments), List.of()));
    }

    @Test
    void namesTheErrorsOfTheTokenAndTheEscrowWithTheirArguments() {
        assertThat(ContractErrors.tollway().explain(revert("ERC20InsufficientBalance", new Address(CONSUMER),
                new Uint256(0), new Uint256(4600)))).hasValue("ERC20InsufficientBalance(" + CONSUMER + ", 0, 4600)");
        assertThat(ContractErrors.tollway().explain(revert("ZeroAmount"))).hasValue("ZeroAmount()");
        assertThat(ContractErrors.tollway().explain(revert("Error", new Utf8String("no")))).hasValue("Error(no)");
    }

    @Test
    void unknownOrMissingDataIsNotNamed() {
        assertThat(ContractErrors.tollway().explain(revert("NoSuchError", new Uint256(BigInteger.ONE)))).isEmpty();
        assertThat(ContractErrors.tollway().explain("0x")).isEmpty();
        assertThat(ContractErrors.tollway().explain(null)).isEmpty();
    }
}

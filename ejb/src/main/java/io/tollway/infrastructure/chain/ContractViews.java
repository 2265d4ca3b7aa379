package io.tollway.infrastructure.chain;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

/**
 * Read-only calls of a contract's view functions ({@code eth_call} on the latest block). An
 * {@link IOException} means the node could not be reached, refused the call, or the address
 * answered nothing a view of Tollway's contracts would (no contract there, a wrong address).
 */
public final class ContractViews {

    private final Web3j web3j;

    public ContractViews(Web3j web3j) {
        this.web3j = web3j;
    }

    /** The decoded return values of {@code contract.function(arguments)}, in the order of {@code returns}. */
    @SuppressWarnings("rawtypes")
    public List<Type> call(String contract, String function, List<Type> arguments, List<TypeReference<?>> returns)
            throws IOException {
        String to = Abi.address("contract", contract);
        Function view = new Function(function, arguments, returns);
        EthCall answer = web3j.ethCall(Transaction.createEthCallTransaction(null, to, FunctionEncoder.encode(view)),
                DefaultBlockParameterName.LATEST).send();
        if (answer.hasError()) {
            throw new IOException("node refused " + function + " at " + to + ": " + answer.getError().getMessage());
        }
        List<Type> values = FunctionReturnDecoder.decode(answer.getValue(), view.getOutputParameters());
        if (values.size() != returns.size()) {
            throw new IOException(function + " at " + to + " answered " + answer.getValue() + ": is the address right?");
        }
        return values;
    }

    /** A uint return value. */
    @SuppressWarnings("rawtypes")
    public static BigInteger uint(List<Type> values, int index) {
        return (BigInteger) values.get(index).getValue();
    }
}

package io.tollway.infrastructure.chain;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
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
        return decoded(to, view, web3j.ethCall(Transaction.createEthCallTransaction(null, to, FunctionEncoder.encode(view)),
                DefaultBlockParameterName.LATEST).send());
    }

    /**
     * The same view called once per list of arguments, all in one JSON-RPC batch (one round trip
     * to the node instead of one per call); the answers in the order of {@code argumentsEach}.
     */
    @SuppressWarnings("rawtypes")
    public List<List<Type>> callEach(String contract, String function, List<List<Type>> argumentsEach,
                                     List<TypeReference<?>> returns) throws IOException {
        if (argumentsEach.isEmpty()) {
            return List.of();
        }
        String to = Abi.address("contract", contract);
        BatchRequest batch = web3j.newBatch();
        List<Function> views = new ArrayList<>();
        for (List<Type> arguments : argumentsEach) {
            Function view = new Function(function, arguments, returns);
            views.add(view);
            batch.add(web3j.ethCall(Transaction.createEthCallTransaction(null, to, FunctionEncoder.encode(view)),
                    DefaultBlockParameterName.LATEST));
        }
        BatchResponse answers = batch.send();
        List<? extends Response<?>> responses = answers.getResponses();
        if (responses.size() != views.size()) {
            throw new IOException("node answered " + responses.size() + " of " + views.size() + " calls of " + function + " at " + to);
        }
        List<List<Type>> values = new ArrayList<>();
        for (int i = 0; i < views.size(); i++) {
            values.add(decoded(to, views.get(i), (EthCall) responses.get(i)));
        }
        return values;
    }

    @SuppressWarnings("rawtypes")
    private static List<Type> decoded(String to, Function view, EthCall answer) throws IOException {
        if (answer.hasError()) {
            throw new IOException("node refused " + view.getName() + " at " + to + ": " + answer.getError().getMessage());
        }
        List<Type> values = FunctionReturnDecoder.decode(answer.getValue(), view.getOutputParameters());
        if (values.size() != view.getOutputParameters().size()) {
            throw new IOException(view.getName() + " at " + to + " answered " + answer.getValue() + ": is the address right?");
        }
        return values;
    }

    /** A uint return value. */
    @SuppressWarnings("rawtypes")
    public static BigInteger uint(List<Type> values, int index) {
        return (BigInteger) values.get(index).getValue();
    }
}

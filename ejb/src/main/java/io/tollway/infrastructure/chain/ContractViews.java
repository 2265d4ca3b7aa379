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
import org.web3j.utils.Numeric;

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
     * A view called once per list of arguments, all in one JSON-RPC batch (one round trip to the
     * node instead of one per call), in the order of {@code argumentsEach}; for a view whose answer
     * has {@code words} static fields (each one 32-byte word in its place) of which only the uint at
     * {@code word} is wanted. Decoding all fourteen fields of an escrow agreement with web3j's
     * generic decoder, for its last bill alone, was about a fifth of a profile of 100-report usage
     * batches.
     */
    public List<BigInteger> callEachUint(String contract, String function, List<List<Type>> argumentsEach, int word, int words)
            throws IOException {
        if (word < 0 || word >= words) {
            throw new IllegalArgumentException("word " + word + " is not one of " + words);
        }
        String to = Abi.address("contract", contract);
        List<BigInteger> values = new ArrayList<>();
        for (EthCall answer : sendEach(to, function, argumentsEach)) {
            if (answer.hasError()) {
                throw new IOException("node refused " + function + " at " + to + ": " + answer.getError().getMessage());
            }
            String hex = Numeric.cleanHexPrefix(answer.getValue() == null ? "" : answer.getValue());
            if (hex.length() < words * 64) {
                throw new IOException(function + " at " + to + " answered " + answer.getValue() + ": is the address right?");
            }
            values.add(Numeric.toBigInt(hex.substring(word * 64, word * 64 + 64)));
        }
        return values;
    }

    @SuppressWarnings("rawtypes")
    private List<EthCall> sendEach(String to, String function, List<List<Type>> argumentsEach) throws IOException {
        if (argumentsEach.isEmpty()) {
            return List.of();
        }
        BatchRequest batch = web3j.newBatch();
        for (List<Type> arguments : argumentsEach) {
            batch.add(web3j.ethCall(Transaction.createEthCallTransaction(null, to, FunctionEncoder.encode(new Function(function, arguments,
                    List.of()))), DefaultBlockParameterName.LATEST));
        }
        BatchResponse answers = batch.send();
        List<? extends Response<?>> responses = answers.getResponses();
        if (responses.size() != argumentsEach.size()) {
            throw new IOException("node answered " + responses.size() + " of " + argumentsEach.size() + " calls of " + function + " at " + to);
        }
        List<EthCall> calls = new ArrayList<>();
        for (Response<?> response : responses) {
            calls.add((EthCall) response);
        }
        return calls;
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

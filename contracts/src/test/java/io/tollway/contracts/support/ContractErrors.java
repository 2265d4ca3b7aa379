package io.tollway.contracts.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.tx.Contract;

/**
 * Asserts that a contract call reverts with a named custom error, by simulating it with
 * {@code eth_call} from the given party and decoding the 4-byte selector of the revert data
 * against every error in the compiled ABIs (ours, OpenZeppelin's and the tokens').
 */
public final class ContractErrors {

    private static final List<String> CONTRACTS =
            List.of("ServiceEscrow", "PaymentChannels", "UptimeOracle", "TestToken", "FeeOnTransferToken");
    private static final Map<String, String> NAMES_BY_SELECTOR = loadErrors();

    private ContractErrors() {
    }

    /** Asserts that {@code call}, sent by {@code from} to {@code contract}, reverts with error {@code errorName}. */
    public static void assertReverts(String errorName, Contract contract, Party from, RemoteFunctionCall<?> call) {
        String error = revertError(contract.getContractAddress(), from, call);
        assertThat(error).as("custom error of the reverted call").isEqualTo(errorName);
    }

    /** The name of the custom error {@code call} reverts with ("<no data>" for a bare revert), failing if it succeeds. */
    public static String revertError(String contractAddress, Party from, RemoteFunctionCall<?> call) {
        return revertError(contractAddress, from, call, DefaultBlockParameterName.LATEST);
    }

    /**
     * Like {@link #revertError(String, Party, RemoteFunctionCall)}, simulated on the state after block
     * {@code blockNumber} and with that block's number and time (e.g. a second transaction of the same block).
     */
    public static String revertError(String contractAddress, Party from, RemoteFunctionCall<?> call, BigInteger blockNumber) {
        return revertError(contractAddress, from, call, DefaultBlockParameter.valueOf(blockNumber));
    }

    private static String revertError(String contractAddress, Party from, RemoteFunctionCall<?> call, DefaultBlockParameter block) {
        EthCall result;
        try {
            result = Holder.web3j.ethCall(
                    Transaction.createEthCallTransaction(from.address(), contractAddress, call.encodeFunctionCall()),
                    block).send();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!result.hasError()) {
            fail("expected a revert but the call succeeded, returning " + result.getValue());
        }
        String data = result.getError().getData();
        if (data == null || data.length() < 10) {
            return "<no data>";
        }
        String hex = data.replace("\"", "");
        String selector = hex.substring(0, 10);
        return NAMES_BY_SELECTOR.getOrDefault(selector, "<unknown " + selector + ">");
    }

    /** Set by {@link TestChain} so eth_call goes to the running anvil. */
    static void use(Web3j web3j) {
        Holder.web3j = web3j;
    }

    private static final class Holder {
        private static Web3j web3j;
    }

    private static Map<String, String> loadErrors() {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> names = new HashMap<>();
        for (String contract : CONTRACTS) {
            try (InputStream in = ContractErrors.class.getResourceAsStream("/io/tollway/contracts/" + contract + ".abi")) {
                if (in == null) {
                    throw new IllegalStateException("ABI of " + contract + " not on the class path");
                }
                for (JsonNode item : json.readTree(in)) {
                    if ("error".equals(item.path("type").asText())) {
                        String types = StreamSupport.stream(item.path("inputs").spliterator(), false)
                                .map(ContractErrors::canonicalType)
                                .collect(Collectors.joining(","));
                        String signature = item.path("name").asText() + "(" + types + ")";
                        names.put(Hash.sha3String(signature).substring(0, 10), item.path("name").asText());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.copyOf(names);
    }

    private static String canonicalType(JsonNode input) {
        String type = input.path("type").asText();
        if (type.startsWith("tuple")) {
            String inner = StreamSupport.stream(input.path("components").spliterator(), false)
                    .map(ContractErrors::canonicalType)
                    .collect(Collectors.joining(","));
            return "(" + inner + ")" + type.substring("tuple".length());
        }
        return type;
    }
}

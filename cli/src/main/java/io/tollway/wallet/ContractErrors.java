package io.tollway.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Names the custom error in revert data, e.g. {@code ERC20InsufficientBalance(0x7099…, 0, 4600)}, from
 * the errors declared in the ABIs of Tollway's contracts (packaged in {@code tollway-contracts}), plus
 * Solidity's {@code Error(string)} and {@code Panic(uint256)}. (The server has the same in
 * {@code RevertReasons}; the wallet keeps its own so that it needs nothing of the server but the
 * credential seal.)
 */
final class ContractErrors {

    private static final String[] CONTRACTS = {"ServiceEscrow", "PaymentChannels", "UptimeOracle", "TestToken"};
    private static final ContractErrors TOLLWAY = load();

    private final Map<String, Declared> bySelector = new HashMap<>();

    private record Declared(String name, List<String> types) {

        String selector() {
            return Hash.sha3String(name + "(" + String.join(",", types) + ")").substring(0, 10);
        }
    }

    static ContractErrors tollway() {
        return TOLLWAY;
    }

    /** The error with its arguments, if the data is one the contracts declare. */
    Optional<String> explain(String revertData) {
        if (revertData == null || revertData.length() < 10) {
            return Optional.empty();
        }
        Declared error = bySelector.get(revertData.substring(0, 10).toLowerCase());
        if (error == null) {
            return Optional.empty();
        }
        try {
            List<TypeReference<Type>> references = new ArrayList<>();
            for (String type : error.types()) {
                references.add(reference(type));
            }
            List<Type> values = FunctionReturnDecoder.decode("0x" + revertData.substring(10), references);
            return Optional.of(error.name() + values.stream().map(ContractErrors::text).collect(Collectors.joining(", ", "(", ")")));
        } catch (RuntimeException | ClassNotFoundException e) {
            return Optional.of(error.name() + "(…)");
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static TypeReference<Type> reference(String type) throws ClassNotFoundException {
        return (TypeReference) TypeReference.makeTypeReference(type);
    }

    private static String text(Type<?> value) {
        Object v = value.getValue();
        return v instanceof byte[] bytes ? Numeric.toHexString(bytes) : String.valueOf(v);
    }

    private static ContractErrors load() {
        ContractErrors errors = new ContractErrors();
        errors.add(new Declared("Error", List.of("string")));
        errors.add(new Declared("Panic", List.of("uint256")));
        ObjectMapper json = new ObjectMapper();
        for (String contract : CONTRACTS) {
            String resource = "io/tollway/contracts/" + contract + ".abi";
            try (InputStream abi = ContractErrors.class.getClassLoader().getResourceAsStream(resource)) {
                if (abi == null) {
                    continue; // an error of this contract is then shown as its raw data
                }
                for (JsonNode entry : json.readTree(abi)) {
                    if ("error".equals(entry.path("type").asText())) {
                        List<String> types = new ArrayList<>();
                        entry.path("inputs").forEach(input -> types.add(input.path("type").asText()));
                        errors.add(new Declared(entry.path("name").asText(), types));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return errors;
    }

    private void add(Declared error) {
        bySelector.put(error.selector(), error);
    }
}

package io.tollway.infrastructure.chain.transaction;

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
import java.util.stream.Collectors;

/**
 * Turns revert data into the custom error it encodes, e.g. {@code OverCap(7, 1200, 1000)}, using
 * the errors declared in the ABIs of Tollway's contracts, plus Solidity's {@code Error(string)}
 * and {@code Panic(uint256)}.
 */
public final class RevertReasons {

    private static final String[] CONTRACTS = {"ServiceEscrow", "PaymentChannels", "UptimeOracle", "TestToken"};

    private final Map<String, DeclaredError> bySelector = new HashMap<>();

    private RevertReasons() {
    }

    /** The errors of Tollway's contracts, read from the ABIs packaged with their bindings. */
    public static RevertReasons ofTollwayContracts() {
        RevertReasons reasons = new RevertReasons();
        reasons.add(new DeclaredError("Error", List.of("string")));
        reasons.add(new DeclaredError("Panic", List.of("uint256")));
        ObjectMapper json = new ObjectMapper();
        for (String contract : CONTRACTS) {
            String resource = "io/tollway/contracts/" + contract + ".abi";
            try (InputStream abi = RevertReasons.class.getClassLoader().getResourceAsStream(resource)) {
                if (abi == null) {
                    throw new IllegalStateException("ABI " + resource + " is not on the class path");
                }
                for (JsonNode entry : json.readTree(abi)) {
                    if ("error".equals(entry.path("type").asText())) {
                        List<String> types = new ArrayList<>();
                        entry.path("inputs").forEach(input -> types.add(input.path("type").asText()));
                        reasons.add(new DeclaredError(entry.path("name").asText(), types));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return reasons;
    }

    private void add(DeclaredError error) {
        bySelector.put(error.selector(), error);
    }

    /** The decoded error, or a description of data that matches none of them. */
    public String explain(String revertData) {
        String data = revertData == null ? "0x" : revertData;
        if (data.length() < 10) {
            return "reverted without a reason";
        }
        DeclaredError error = bySelector.get(data.substring(0, 10).toLowerCase());
        if (error == null) {
            return "reverted with unknown error " + data.substring(0, 10);
        }
        try {
            List<Type> values = FunctionReturnDecoder.decode("0x" + data.substring(10), error.typeReferences());
            return error.name() + values.stream().map(RevertReasons::text).collect(Collectors.joining(", ", "(", ")"));
        } catch (RuntimeException | ClassNotFoundException e) {
            return error.name() + "(undecodable arguments)";
        }
    }

    private static String text(Type<?> value) {
        Object v = value.getValue();
        return v instanceof byte[] bytes ? Numeric.toHexString(bytes) : String.valueOf(v);
    }

    private record DeclaredError(String name, List<String> types) {

        String selector() {
            return Hash.sha3String(name + "(" + String.join(",", types) + ")").substring(0, 10);
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        List<TypeReference<Type>> typeReferences() throws ClassNotFoundException {
            List<TypeReference<Type>> references = new ArrayList<>();
            for (String type : types) {
                references.add((TypeReference) TypeReference.makeTypeReference(type));
            }
            return references;
        }
    }
}

package io.tollway.contracts.support;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Gas used per operation, as recorded by the gas report test. */
public final class GasLog {

    private final Map<String, List<Long>> used = new LinkedHashMap<>();

    /** Records the receipt's gasUsed under {@code operation} and returns the receipt. */
    public TransactionReceipt record(String operation, TransactionReceipt receipt) {
        used.computeIfAbsent(operation, k -> new ArrayList<>()).add(receipt.getGasUsed().longValueExact());
        return receipt;
    }

    public void record(String operation, long gas) {
        used.computeIfAbsent(operation, k -> new ArrayList<>()).add(gas);
    }

    public Map<String, List<Long>> all() {
        return used;
    }

    public long max(String operation) {
        return used.get(operation).stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    public long min(String operation) {
        return used.get(operation).stream().mapToLong(Long::longValue).min().orElseThrow();
    }

    public long average(String operation) {
        return Math.round(used.get(operation).stream().mapToLong(Long::longValue).average().orElseThrow());
    }

    public static BigInteger gas(TransactionReceipt receipt) {
        return receipt.getGasUsed();
    }
}

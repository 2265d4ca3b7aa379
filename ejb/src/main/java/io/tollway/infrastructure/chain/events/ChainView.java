package io.tollway.infrastructure.chain.events;

import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the node says about the chain, in the few questions the reader asks. Every failure, a
 * dead node or a JSON-RPC error, is one {@link ChainNodeUnavailable} naming the request.
 */
final class ChainView {

    /** A block as far as the reader cares: its place and its link to the block before it. */
    record BlockHeader(long number, String hash, String parentHash) {
    }

    private final Web3j web3j;

    ChainView(Web3j web3j) {
        this.web3j = web3j;
    }

    long head() {
        return send("eth_blockNumber", web3j.ethBlockNumber()).getBlockNumber().longValueExact();
    }

    /** The block now at {@code number} on the node's chain, or nothing if the chain is shorter. */
    Optional<BlockHeader> block(long number) {
        EthBlock.Block block = send("eth_getBlockByNumber " + number,
                web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)).getBlock();
        if (block == null) {
            return Optional.empty();
        }
        return Optional.of(new BlockHeader(block.getNumber().longValueExact(),
                block.getHash().toLowerCase(Locale.ROOT), block.getParentHash().toLowerCase(Locale.ROOT)));
    }

    /** The logs of blocks {@code from..to} (inclusive) of the given contracts with one of the given first topics, in chain order. */
    List<Log> logs(long from, long to, List<String> addresses, List<String> eventTopics) {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), addresses);
        filter.addOptionalTopics(eventTopics.toArray(String[]::new));
        EthLog answer = send("eth_getLogs " + from + ".." + to, web3j.ethGetLogs(filter));
        List<Log> logs = new ArrayList<>();
        for (EthLog.LogResult<?> result : answer.getLogs()) {
            if (!(result.get() instanceof Log log)) {
                throw new ChainNodeUnavailable("eth_getLogs " + from + ".." + to + " answered hashes instead of logs");
            }
            logs.add(log);
        }
        logs.sort(Comparator.comparing(Log::getBlockNumber).thenComparing(Log::getLogIndex));
        return logs;
    }

    private static <T extends Response<?>> T send(String what, Request<?, T> request) {
        T response;
        try {
            response = request.send();
        } catch (IOException e) {
            throw new ChainNodeUnavailable("chain node unreachable (" + what + "): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // web3j reports unparseable answers and some transport faults unchecked
            throw new ChainNodeUnavailable("chain node answered " + what + " with garbage: " + e.getMessage(), e);
        }
        if (response.hasError()) {
            throw new ChainNodeUnavailable("chain node refused " + what + ": " + response.getError().getMessage()
                    + " (code " + response.getError().getCode() + ")");
        }
        return response;
    }
}

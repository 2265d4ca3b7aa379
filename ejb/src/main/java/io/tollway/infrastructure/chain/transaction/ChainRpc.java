package io.tollway.infrastructure.chain.transaction;

import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.EthTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON-RPC calls the gateway makes, over web3j. Lookups of many transactions go in one batch
 * request, so tracking a thousand transactions costs a few round trips, not a thousand.
 * An {@link IOException} always means the node could not be reached or answered garbage.
 */
public final class ChainRpc {

    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]*");

    private final Web3j web3j;

    public ChainRpc(Web3j web3j) {
        this.web3j = web3j;
    }

    public long chainId() throws IOException {
        return checked(web3j.ethChainId().send()).getChainId().longValueExact();
    }

    public long head() throws IOException {
        return checked(web3j.ethBlockNumber().send()).getBlockNumber().longValueExact();
    }

    /** The fees a transaction signed now should offer. */
    public Fees currentFees() throws IOException {
        // the fee history's last base fee is the next block's, the one a transaction sent now must pay
        List<BigInteger> baseFees = checked(web3j.ethFeeHistory(1, DefaultBlockParameterName.LATEST, List.of()).send())
                .getFeeHistory().getBaseFeePerGas();
        BigInteger tip = checked(web3j.ethMaxPriorityFeePerGas().send()).getMaxPriorityFeePerGas();
        BigInteger baseFee = baseFees == null || baseFees.isEmpty() ? BigInteger.ZERO : baseFees.get(baseFees.size() - 1);
        return Fees.forBaseFee(baseFee, tip);
    }

    /** How many transactions of the account are mined ({@code pending} false) or known to the node at all. */
    public long transactionCount(String address, boolean pending) throws IOException {
        return checked(web3j.ethGetTransactionCount(address,
                pending ? DefaultBlockParameterName.PENDING : DefaultBlockParameterName.LATEST).send())
                .getTransactionCount().longValueExact();
    }

    /** The hash of the block at this height on the node's current chain, if there is one. */
    public Optional<String> blockHash(long number) throws IOException {
        EthBlock.Block block = checked(web3j.ethGetBlockByNumber(
                DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false).send()).getBlock();
        return block == null ? Optional.empty() : Optional.of(block.getHash());
    }

    /** Sends signed bytes; the node's answer, accepted or refused with its message. */
    public SendResult send(byte[] raw) throws IOException {
        EthSendTransaction answer = web3j.ethSendRawTransaction(Numeric.toHexString(raw)).send();
        return answer.hasError() ? SendResult.refused(answer.getError().getMessage()) : SendResult.accepted(answer.getTransactionHash());
    }

    /** Receipts of the given transactions, for those that have one. */
    public Map<String, TransactionReceipt> receipts(List<String> hashes) throws IOException {
        Map<String, TransactionReceipt> receipts = new HashMap<>();
        List<Request<?, ? extends Response<?>>> requests = new ArrayList<>();
        for (String hash : hashes) {
            requests.add(web3j.ethGetTransactionReceipt(hash));
        }
        for (Response<?> response : batch(requests)) {
            ((EthGetTransactionReceipt) response).getTransactionReceipt()
                    .ifPresent(receipt -> receipts.put(receipt.getTransactionHash(), receipt));
        }
        return receipts;
    }

    /** Which of the given transactions the node knows at all (in its pool or on its chain). */
    public List<String> known(List<String> hashes) throws IOException {
        List<Request<?, ? extends Response<?>>> requests = new ArrayList<>();
        for (String hash : hashes) {
            requests.add(web3j.ethGetTransactionByHash(hash));
        }
        List<String> known = new ArrayList<>();
        for (Response<?> response : batch(requests)) {
            ((EthTransaction) response).getTransaction().ifPresent(t -> known.add(t.getHash()));
        }
        return known;
    }

    /** The gas the call needs, or the revert data (0x-hex, possibly empty) when it would fail. */
    public Estimate estimateGas(String from, ContractCall call) throws IOException {
        var answer = web3j.ethEstimateGas(asTransaction(from, call)).send();
        if (answer.hasError()) {
            return Estimate.reverts(revertData(answer.getError()), answer.getError().getMessage());
        }
        return Estimate.needs(answer.getAmountUsed().longValueExact());
    }

    /** Runs the call on the state before the given block, to learn why it reverted there. */
    public String revertDataAt(String from, ContractCall call, long blockNumber) throws IOException {
        var answer = web3j.ethCall(asTransaction(from, call),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(Math.max(0, blockNumber - 1)))).send();
        if (answer.hasError()) {
            return revertData(answer.getError());
        }
        return answer.getRevertReason() != null ? answer.getRevertReason() : "0x";
    }

    private static Transaction asTransaction(String from, ContractCall call) {
        return Transaction.createFunctionCallTransaction(from, null, null, null, call.to(), call.value(),
                Numeric.toHexString(call.data()));
    }

    private static String revertData(Response.Error error) {
        // web3j keeps the raw JSON of "data": a quoted string, or an object holding one
        Matcher hex = HEX.matcher(error.getData() == null ? "" : error.getData());
        return hex.find() ? hex.group() : "0x";
    }

    private List<? extends Response<?>> batch(List<Request<?, ? extends Response<?>>> requests) throws IOException {
        if (requests.isEmpty()) {
            return List.of();
        }
        BatchRequest batch = web3j.newBatch();
        requests.forEach(batch::add);
        BatchResponse answer = batch.send();
        List<? extends Response<?>> responses = answer.getResponses();
        if (responses.size() != requests.size()) {
            throw new IOException("the node answered " + responses.size() + " of " + requests.size() + " batched calls");
        }
        return responses;
    }

    private static <T extends Response<?>> T checked(T response) throws IOException {
        if (response.hasError()) {
            throw new IOException("node refused " + response.getClass().getSimpleName() + ": " + response.getError().getMessage());
        }
        return response;
    }

    /** The node's answer to a raw transaction. */
    public record SendResult(boolean accepted, String hashOrError) {

        static SendResult accepted(String hash) {
            return new SendResult(true, hash);
        }

        static SendResult refused(String message) {
            return new SendResult(false, message == null ? "no message" : message);
        }

        /** The node has these bytes already, in its pool or on its chain: as good as accepted. */
        public boolean alreadyKnown() {
            String m = hashOrError.toLowerCase();
            return !accepted && (m.contains("already known") || m.contains("already imported") || m.contains("known transaction"));
        }

        /** The nonce is used up: by this very transaction (sent before a crash) or by another one. */
        /** The node wants higher fees than these bytes offer (base fee rose, replacement underpriced). */
        public boolean feeTooLow() {
            String m = hashOrError.toLowerCase();
            return !accepted && (m.contains("underpriced") || m.contains("base fee") || m.contains("fee too low")
                    || m.contains("gas price too low"));
        }

        public boolean nonceUsed() {
            String m = hashOrError.toLowerCase();
            return !accepted && (m.contains("nonce too low") || m.contains("nonce is too low") || m.contains("already been used"));
        }
    }

    /** The outcome of a gas estimate. */
    public record Estimate(long gas, String revertData, String message) {

        static Estimate needs(long gas) {
            return new Estimate(gas, null, null);
        }

        static Estimate reverts(String data, String message) {
            return new Estimate(0, data, message);
        }

        public boolean reverts() {
            return revertData != null;
        }
    }
}

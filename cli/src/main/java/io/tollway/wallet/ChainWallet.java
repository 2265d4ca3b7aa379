package io.tollway.wallet;

import io.tollway.infrastructure.sealing.CredentialSeal;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthFeeHistory;
import org.web3j.protocol.core.methods.response.EthMaxPriorityFeePerGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SignatureException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The consumer's key and its node: signs and sends calls as EIP-1559 transactions and waits for
 * their receipts. One transaction at a time: each send takes the account's next nonce from the node
 * and returns only when mined, so the next one never clashes with it.
 *
 * <ul>
 *   <li>gas: {@code eth_estimateGas} + 25 %; an estimate that fails because the call reverts is
 *       thrown as {@link TransactionReverted} and nothing is sent (no fee, no nonce);</li>
 *   <li>fees: the next block's base fee from {@code eth_feeHistory}, twice, plus the tip from
 *       {@code eth_maxPriorityFeePerGas} (or the fee history's median reward where the node lacks it);</li>
 *   <li>receipt: polled every {@link #POLL_INTERVAL} until {@link #RECEIPT_DEADLINE}; status {@code 0x0}
 *       is thrown as {@link TransactionReverted} with the receipt.</li>
 * </ul>
 * The chain id each call is signed for must be the node's, so a call meant for one chain is never
 * sent to another.
 */
public final class ChainWallet implements AutoCloseable {

    public static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    public static final Duration RECEIPT_DEADLINE = Duration.ofSeconds(60);

    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]*");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final BigInteger FALLBACK_TIP = BigInteger.valueOf(1_000_000_000L);

    private final Web3j web3j;
    private final Credentials credentials;
    private final Duration pollInterval;
    private final Duration receiptDeadline;
    private Long nodeChainId;

    public ChainWallet(Web3j web3j, Credentials credentials, Duration pollInterval, Duration receiptDeadline) {
        this.web3j = web3j;
        this.credentials = credentials;
        this.pollInterval = pollInterval;
        this.receiptDeadline = receiptDeadline;
    }

    /** A wallet with this key on the node at {@code rpcUrl}, polling every 200 ms for up to 60 s. */
    public static ChainWallet connect(String rpcUrl, Credentials credentials) {
        return new ChainWallet(Web3j.build(new HttpService(rpcUrl)), credentials, POLL_INTERVAL, RECEIPT_DEADLINE);
    }

    /** A wallet with the private key given as 64 hex digits (with or without {@code 0x}). */
    public static ChainWallet connect(String rpcUrl, String privateKeyHex) {
        return connect(rpcUrl, WalletKeys.fromHex(privateKeyHex));
    }

    /** The wallet's address, lower case, {@code 0x}-prefixed. */
    public String address() {
        return credentials.getAddress();
    }

    /** The uncompressed public key as the API takes it: {@code 0x} and 128 hex digits (x || y). */
    public String publicKeyHex() {
        BigInteger publicKey = Sign.publicKeyFromPrivate(credentials.getEcKeyPair().getPrivateKey());
        return Numeric.toHexStringWithPrefixZeroPadded(publicKey, 128);
    }

    /** Credentials Tollway sealed to this wallet's key, opened (they never open anywhere else). */
    public byte[] unseal(String sealed) {
        return CredentialSeal.open(credentials.getEcKeyPair().getPrivateKey(), sealed);
    }

    /**
     * Signs EIP-712 typed data ({@code eth_signTypedData_v4} JSON) with the wallet's key: 65 bytes
     * r ‖ s ‖ v as {@code 0x}-hex, v 27 or 28, s in the lower half of the curve order (what
     * OpenZeppelin's {@code ECDSA.recover} takes). The signature is recovered before it is returned,
     * so one that would not name this wallet as signer never leaves it. What is signed is the
     * caller's to check (see {@link ChequeTypedData}).
     *
     * @throws IllegalArgumentException when the JSON is not typed data web3j can encode
     */
    public String signTypedData(String typedDataJson) {
        byte[] digest;
        Sign.SignatureData signature;
        try {
            digest = new StructuredDataEncoder(typedDataJson).hashStructuredData();
            signature = Sign.signTypedData(typedDataJson, credentials.getEcKeyPair());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not EIP-712 typed data: " + e.getMessage(), e);
        }
        String signer;
        try {
            signer = "0x" + Keys.getAddress(Sign.signedMessageHashToKey(digest, signature));
        } catch (SignatureException e) {
            throw new IllegalStateException("the typed-data signature does not recover: " + e.getMessage(), e);
        }
        if (!signer.equalsIgnoreCase(address())) {
            throw new IllegalStateException("the typed-data signature recovers to " + signer + ", not to this wallet " + address());
        }
        byte[] rsv = new byte[65];
        System.arraycopy(signature.getR(), 0, rsv, 0, 32);
        System.arraycopy(signature.getS(), 0, rsv, 32, 32);
        rsv[64] = signature.getV()[0];
        return Numeric.toHexString(rsv);
    }

    /** The chain id the node reports (asked once). */
    public synchronized long nodeChainId() {
        if (nodeChainId == null) {
            nodeChainId = checked(rpc(() -> web3j.ethChainId().send()), "eth_chainId").getChainId().longValueExact();
        }
        return nodeChainId;
    }

    /** Sends the call with gas estimated (+25 %) and waits for its receipt; see {@link #send(WalletCall, long, BigInteger)}. */
    public Receipt send(String to, String dataHex, BigInteger value, long chainId) {
        return send(new WalletCall("", to, dataHex, value), chainId, null);
    }

    /** Sends the call with gas estimated (+25 %) and waits for its receipt. */
    public Receipt send(WalletCall call, long chainId) {
        return send(call, chainId, null);
    }

    /**
     * Signs the call for chain {@code chainId} under the account's next nonce, sends it and waits for
     * its receipt.
     *
     * @param gasLimit the gas limit, or null to take the estimate + 25 % (an explicit limit skips the
     *                 estimate, so a reverting call is mined and reverts there)
     * @return the receipt of the successful transaction
     * @throws TransactionReverted when the estimate says it would revert, or it reverted when mined
     * @throws ChainFailure        when the node is unreachable, another chain, refuses the transaction, or
     *                             no receipt comes before the deadline
     */
    public synchronized Receipt send(WalletCall call, long chainId, BigInteger gasLimit) {
        check(call);
        long node = nodeChainId();
        if (node != chainId) {
            throw new ChainFailure("the node is chain " + node + ", but the call is for chain " + chainId
                    + "; point the wallet at that chain's node", null);
        }
        BigInteger gas = gasLimit != null ? gasLimit : estimate(call).multiply(BigInteger.valueOf(125)).divide(BigInteger.valueOf(100));
        Fees fees = fees();
        BigInteger nonce = checked(rpc(() -> web3j.ethGetTransactionCount(address(), DefaultBlockParameterName.PENDING).send()),
                "eth_getTransactionCount").getTransactionCount();
        RawTransaction transaction = RawTransaction.createTransaction(chainId, nonce, gas, call.to(), call.value(), call.data(),
                fees.maxPriorityFeePerGas(), fees.maxFeePerGas());
        String signed = Numeric.toHexString(TransactionEncoder.signMessage(transaction, credentials));
        EthSendTransaction sent = rpc(() -> web3j.ethSendRawTransaction(signed).send());
        if (sent.hasError()) {
            throw new ChainFailure("the node refused the transaction for " + describe(call) + ": " + sent.getError().getMessage(), null);
        }
        Receipt receipt = awaitReceipt(sent.getTransactionHash());
        if (!receipt.succeeded()) {
            throw new TransactionReverted(call, receipt, revertDataBefore(call, receipt.blockNumber()), null);
        }
        return receipt;
    }

    /** Sends each call in turn, stopping at the first that fails. */
    public List<SentCall> sendAll(List<WalletCall> calls, long chainId) {
        return calls.stream().map(call -> new SentCall(call, send(call, chainId))).toList();
    }

    @Override
    public void close() {
        web3j.shutdown();
    }

    private BigInteger estimate(WalletCall call) {
        Transaction transaction = Transaction.createFunctionCallTransaction(address(), null, null, null, call.to(), call.value(),
                call.data());
        EthEstimateGas estimate = rpc(() -> web3j.ethEstimateGas(transaction).send());
        if (estimate.hasError()) {
            Response.Error error = estimate.getError();
            String message = error.getMessage() == null ? "" : error.getMessage();
            if (error.getCode() == 3 || message.toLowerCase().contains("revert")) {
                throw new TransactionReverted(call, null, revertData(error), message);
            }
            throw new ChainFailure("the node could not estimate the gas of " + describe(call) + ": " + message, null);
        }
        return estimate.getAmountUsed();
    }

    /** Why the call reverted, as far as running it again on the state before its block tells; {@code 0x} when it does not. */
    private String revertDataBefore(WalletCall call, long blockNumber) {
        try {
            EthCall answer = web3j.ethCall(Transaction.createFunctionCallTransaction(address(), null, null, null, call.to(),
                    call.value(), call.data()), DefaultBlockParameter.valueOf(BigInteger.valueOf(Math.max(0, blockNumber - 1)))).send();
            if (answer.hasError()) {
                return revertData(answer.getError());
            }
            return answer.getRevertReason() != null && HEX.matcher(answer.getRevertReason()).matches() ? answer.getRevertReason() : "0x";
        } catch (IOException | RuntimeException e) {
            return "0x"; // the receipt's status says enough
        }
    }

    /** The EIP-1559 fee caps of a transaction, in wei per gas. */
    private record Fees(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {
    }

    /** Twice the next block's base fee (room for six full blocks of rises) plus the tip. */
    private Fees fees() {
        EthFeeHistory.FeeHistory history = checked(rpc(() -> web3j.ethFeeHistory(1, DefaultBlockParameterName.LATEST,
                List.of(50.0)).send()), "eth_feeHistory").getFeeHistory();
        List<BigInteger> baseFees = history.getBaseFeePerGas();
        // the last base fee is the next block's, the one a transaction sent now pays
        BigInteger baseFee = baseFees == null || baseFees.isEmpty() ? BigInteger.ZERO : baseFees.get(baseFees.size() - 1);
        EthMaxPriorityFeePerGas tipAnswer = rpc(() -> web3j.ethMaxPriorityFeePerGas().send());
        BigInteger tip;
        if (!tipAnswer.hasError() && tipAnswer.getMaxPriorityFeePerGas() != null) {
            tip = tipAnswer.getMaxPriorityFeePerGas();
        } else {
            tip = Optional.ofNullable(history.getReward()).filter(r -> !r.isEmpty() && !r.get(0).isEmpty())
                    .map(r -> r.get(0).get(0)).orElse(FALLBACK_TIP);
        }
        return new Fees(baseFee.shiftLeft(1).add(tip), tip);
    }

    private Receipt awaitReceipt(String hash) {
        long deadline = System.nanoTime() + receiptDeadline.toNanos();
        while (true) {
            Optional<TransactionReceipt> receipt = checked(rpc(() -> web3j.ethGetTransactionReceipt(hash).send()),
                    "eth_getTransactionReceipt").getTransactionReceipt();
            if (receipt.isPresent()) {
                TransactionReceipt r = receipt.get();
                return new Receipt(r.getTransactionHash(), r.getBlockNumber().longValueExact(), r.getGasUsed(), r.getStatus());
            }
            if (System.nanoTime() > deadline) {
                throw new ChainFailure("no receipt for transaction " + hash + " within " + receiptDeadline.toSeconds()
                        + " s; it may still be mined: look it up before sending again", null);
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChainFailure("interrupted while waiting for the receipt of " + hash, e);
            }
        }
    }

    private static void check(WalletCall call) {
        if (!ADDRESS.matcher(call.to()).matches()) {
            throw new IllegalArgumentException("not a contract address: " + call.to());
        }
        if (!HEX.matcher(call.data()).matches() || call.data().length() % 2 != 0) {
            throw new IllegalArgumentException("call data must be 0x-hex of whole bytes: " + call.data());
        }
        if (call.value().signum() < 0) {
            throw new IllegalArgumentException("the value must not be negative");
        }
    }

    private static String describe(WalletCall call) {
        return call.purpose().isEmpty() ? "the call to " + call.to() : "\"" + call.purpose() + "\"";
    }

    private static String revertData(Response.Error error) {
        // web3j keeps the raw JSON of "data": a quoted string, or an object holding one
        Matcher hex = HEX.matcher(error.getData() == null ? "" : error.getData());
        return hex.find() ? hex.group() : "0x";
    }

    private static <T extends Response<?>> T checked(T answer, String method) {
        if (answer.hasError()) {
            throw new ChainFailure(method + " failed: " + answer.getError().getMessage(), null);
        }
        return answer;
    }

    private interface Rpc<T> {
        T call() throws IOException;
    }

    private <T> T rpc(Rpc<T> request) {
        try {
            return request.call();
        } catch (IOException e) {
            throw new ChainFailure("the chain node does not answer: " + e.getMessage(), e);
        }
    }
}

package io.tollway.infrastructure.chain;

import io.tollway.infrastructure.chain.transaction.ChainRpc;
import io.tollway.infrastructure.chain.transaction.ContractCall;
import io.tollway.infrastructure.chain.transaction.RevertReasons;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

import java.math.BigInteger;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends encoded calls the way the gateway does, from a given account: estimate the gas with the
 * gateway's own {@link ChainRpc} (a call that would revert fails the test with its decoded custom
 * error), sign with the estimate plus the gateway's 25 % margin, wait for the receipt and require
 * success. Consumer-wallet calls go the same way from the consumer's key, as a wallet would send
 * them. The gas each call used is kept per description for the report.
 */
public final class CallSender {

    private static final BigInteger GAS_PRICE = BigInteger.valueOf(2_000_000_000L);
    private static final RevertReasons REVERTS = RevertReasons.ofTollwayContracts();

    private final Web3j web3j;
    private final ChainRpc rpc;
    private final Function<Credentials, RawTransactionManager> managers;
    private final Map<String, LongSummaryStatistics> gasUsed = new TreeMap<>();

    public CallSender(Web3j web3j, Function<Credentials, RawTransactionManager> managers) {
        this.web3j = web3j;
        this.rpc = new ChainRpc(web3j);
        this.managers = managers;
    }

    /** Sends the call from {@code from}; the successful receipt. */
    public TransactionReceipt send(Credentials from, ContractCall call) throws Exception {
        ChainRpc.Estimate estimate = rpc.estimateGas(from.getAddress(), call);
        assertThat(estimate.reverts()).as("%s would revert with %s", call.description(),
                estimate.reverts() ? REVERTS.explain(estimate.revertData()) : "").isFalse();
        long gasLimit = call.gasLimit() != null ? call.gasLimit() : estimate.gas() * 125 / 100;
        EthSendTransaction sent = managers.apply(from).sendTransaction(GAS_PRICE, BigInteger.valueOf(gasLimit), call.to(),
                call.dataHex(), call.value());
        assertThat(sent.hasError()).as("%s refused: %s", call.description(), sent.hasError() ? sent.getError().getMessage() : "")
                .isFalse();
        TransactionReceipt receipt = new PollingTransactionReceiptProcessor(web3j, 20, 1500)
                .waitForTransactionReceipt(sent.getTransactionHash());
        assertThat(receipt.isStatusOK()).as("%s mined but failed", call.description()).isTrue();
        gasUsed.computeIfAbsent(call.description(), d -> new LongSummaryStatistics()).accept(receipt.getGasUsed().longValueExact());
        return receipt;
    }

    /** The custom error the call would revert with if {@code from} sent it now, e.g. {@code OverCap(1, 2, 1)}. */
    public String revertOf(Credentials from, ContractCall call) throws Exception {
        ChainRpc.Estimate estimate = rpc.estimateGas(from.getAddress(), call);
        assertThat(estimate.reverts()).as("%s should revert", call.description()).isTrue();
        return REVERTS.explain(estimate.revertData());
    }

    /** Gas used per call description: min and max over the calls sent. */
    public String gasReport() {
        StringBuilder report = new StringBuilder();
        gasUsed.forEach((call, gas) -> report.append(String.format("%-36s min %,9d  max %,9d  (%d sent)%n",
                call, gas.getMin(), gas.getMax(), gas.getCount())));
        return report.toString();
    }
}

package io.tollway.infrastructure.chain.escrow;

import io.tollway.contracts.generated.ServiceEscrow;
import io.tollway.infrastructure.chain.ChainGatewayUnavailable;
import io.tollway.infrastructure.chain.ChainNode;
import io.tollway.infrastructure.chain.DeployedContracts;
import io.tollway.infrastructure.chain.DevContracts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * This deployment's escrow as the agreement processes see it: its address, what it holds for an
 * agreement, and what a confirmed transaction did. The one place outside the gateway where the
 * application reaches the node; node errors become {@link UncheckedIOException}, which a job
 * retries.
 */
@ApplicationScoped
public class EscrowChain {

    private static final String BILL_PAID = EventEncoder.encode(ServiceEscrow.BILLPAID_EVENT);
    private static final String OUT_OF_FUNDS = EventEncoder.encode(ServiceEscrow.OUTOFFUNDS_EVENT);

    @Inject
    ChainNode node;

    @Inject
    DeployedContracts contracts;

    /** What one bill did, from its transaction's events. */
    public record BillOutcome(boolean paid, boolean outOfFunds, BigInteger baseAmount, BigInteger variableAmount,
                              BigInteger amountPaid, long billedSeconds) {
    }

    public String escrowAddress() {
        return address(DevContracts.SERVICE_ESCROW);
    }

    public String tokenAddress() {
        return address(DevContracts.TEST_TOKEN);
    }

    public long chainId() {
        try {
            return node.chainId();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The time of the newest block, in unix seconds: what the contract's {@code block.timestamp} is near. */
    public long latestBlockTime() {
        try {
            return node.web3j().ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false).send()
                    .getBlock().getTimestamp().longValueExact();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String address(String name) {
        String address = contracts.addresses().get(name);
        if (address == null) {
            throw new ChainGatewayUnavailable("no " + name + " contract is recorded for this deployment");
        }
        return address;
    }

    public EscrowAgreementOnChain agreement(String onChainId) {
        try {
            return reader().agreement(escrowAddress(), new BigInteger(onChainId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each agreement's last bill on chain (unix seconds; its activation before the first), by on-chain id, in one round trip. */
    public Map<String, Long> lastBills(Collection<String> onChainIds) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(onChainIds));
        try {
            List<Long> read = reader().lastBills(escrowAddress(), ids.stream().map(BigInteger::new).toList());
            Map<String, Long> byId = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                byId.put(ids.get(i), read.get(i));
            }
            return byId;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String termsHash(String onChainId) {
        try {
            return reader().termsHash(escrowAddress(), new BigInteger(onChainId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<String> createdAgreementId(String transactionHash) {
        try {
            return reader().createdAgreementId(escrowAddress(), transactionHash).map(BigInteger::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The BillPaid or OutOfFunds event of a bill's transaction, for this agreement. */
    public BillOutcome billOutcome(String transactionHash, String onChainId) {
        try {
            TransactionReceipt receipt = node.web3j().ethGetTransactionReceipt(transactionHash).send().getTransactionReceipt()
                    .orElseThrow(() -> new IOException("no receipt yet for " + transactionHash));
            return outcomeOf(receipt.getLogs(), escrowAddress(), new BigInteger(onChainId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The agreement's bill among a transaction's logs. A billMany receipt has the logs of up to a
     * hundred bills, and each of them reads it: only this agreement's logs (its id is their first
     * indexed topic) are decoded.
     */
    static BillOutcome outcomeOf(List<Log> logs, String escrow, BigInteger id) {
        String idTopic = Numeric.toHexStringWithPrefixZeroPadded(id, 64);
        BigInteger base = BigInteger.ZERO;
        BigInteger variable = BigInteger.ZERO;
        long seconds = 0;
        boolean paid = false;
        boolean outOfFunds = false;
        BigInteger total = BigInteger.ZERO;
        for (Log log : logs) {
            if (!escrow.equalsIgnoreCase(log.getAddress()) || log.getTopics().size() < 2
                    || !idTopic.equalsIgnoreCase(log.getTopics().get(1))) {
                continue;
            }
            String topic = log.getTopics().get(0);
            if (topic.equals(BILL_PAID)) {
                ServiceEscrow.BillPaidEventResponse event = ServiceEscrow.getBillPaidEventFromLog(log);
                paid = true;
                base = event.baseAmount;
                variable = event.variableAmount;
                seconds = event.billedSeconds.longValueExact();
                total = base.add(variable);
            } else if (topic.equals(OUT_OF_FUNDS)) {
                outOfFunds = true;
                total = ServiceEscrow.getOutOfFundsEventFromLog(log).paid;
            }
        }
        return new BillOutcome(paid, outOfFunds, base, variable, total, seconds);
    }

    /** What the escrow says a provider (the agent whose key created its agreements) earned and withdrew, over all its agreements. */
    public ProviderEarnings earningsOf(String provider) {
        try {
            return reader().earningsOf(escrowAddress(), provider);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private EscrowReader reader() {
        return new EscrowReader(node.web3j());
    }
}

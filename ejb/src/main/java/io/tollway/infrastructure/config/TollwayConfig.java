package io.tollway.infrastructure.config;

import io.tollway.infrastructure.chain.transaction.GatewaySettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigInteger;
import java.time.Duration;

/**
 * Tollway's settings. Each is read from a system property ({@code tollway.rpc-url}) or, when that
 * is absent, from the environment ({@code TOLLWAY_RPC_URL}), so the same EAR runs embedded,
 * under test and in production. Values are read on every call: a changed system property
 * takes effect without a redeploy.
 */
@ApplicationScoped
public class TollwayConfig {

    /** The JSON-RPC endpoint of the chain node. */
    public String rpcUrl() {
        return value("tollway.rpc-url", "http://127.0.0.1:8545");
    }

    /** How long approvers have to review a new offering before it expires (ISO-8601). */
    public Duration offeringReviewTimeout() {
        return Duration.parse(value("tollway.offering-review-timeout", "P7D"));
    }

    /**
     * Whether Tollway deploys its contracts itself on a development chain (the embedded run and
     * the tests), signing with anvil's first development key. Never on a real network.
     */
    public boolean deploysDevContracts() {
        return Boolean.parseBoolean(value("tollway.dev-contracts", "false"));
    }

    /** Whether the demo accounts (one per role, well-known API keys) exist: the embedded run and the tests only. */
    public boolean demoAccounts() {
        return Boolean.parseBoolean(value("tollway.demo-accounts", "false"));
    }

    /** Where the built-in demo provider takes webhook commands (this server's own endpoint by default). */
    public String demoProviderWebhookUrl() {
        return value("tollway.demo-provider.webhook-url", "http://127.0.0.1:8080/demo-provider/webhook");
    }

    /**
     * Whether the test-support endpoints (engine clock, fault injection) are served. Only test
     * servers set this; production answers 404 there.
     */
    public boolean testSupport() {
        return Boolean.parseBoolean(value("tollway.test-support", "false"));
    }

    /**
     * Blocks that must carry a chain transaction (its own included) before Tollway counts it as
     * final. Defaults to 12 on a real network and to 1 on the development chain, whose blocks only
     * come with transactions.
     */
    public int chainConfirmations() {
        return Integer.parseInt(value("tollway.chain.confirmations", deploysDevContracts() ? "1" : "12"));
    }

    /** How long a sent transaction may be unknown to the node before it is signed again with a higher fee. */
    public Duration chainDropAfter() {
        return Duration.parse(value("tollway.chain.drop-after", "PT60S"));
    }

    /**
     * The fee ceiling: the most a transaction may offer per gas, in wei (default 500 gwei). Above
     * it a transaction is signed at the ceiling and waits for the base fee to fall.
     */
    public BigInteger chainMaxFeePerGas() {
        String value = value("tollway.chain.max-fee-per-gas", GatewaySettings.DEFAULT_MAX_FEE_PER_GAS.toString());
        try {
            return new BigInteger(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tollway.chain.max-fee-per-gas must be a whole number of wei per gas, not " + value, e);
        }
    }

    /** How many batches of process jobs run at once on this node (each holds a database connection). */
    public int jobConcurrency() {
        return Integer.parseInt(value("tollway.jobs.concurrency", "12"));
    }

    /** How long a bill waits for others to share its {@code billMany} transaction (ISO-8601). */
    public Duration chainBillBatchLinger() {
        return Duration.parse(value("tollway.chain.bill-batch-linger", "PT1S"));
    }

    /** The block the chain event reader starts at when it has no cursor yet (the contracts' deployment block). */
    public long chainStartBlock() {
        return Long.parseLong(value("tollway.chain.start-block", "0"));
    }

    /** Any setting by its property name, or null when it is not set (e.g. the signers' settings). */
    public String setting(String property) {
        return value(property, null);
    }

    private static String value(String property, String fallback) {
        String fromProperty = System.getProperty(property);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return fromProperty;
        }
        String fromEnvironment = System.getenv(property.toUpperCase().replace('.', '_').replace('-', '_'));
        return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : fallback;
    }
}

package io.tollway.infrastructure.chain.transaction;

import io.tollway.contracts.generated.TestToken;
import io.tollway.devkit.Anvil;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.tx.gas.StaticGasProvider;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.tollway.infrastructure.chain.transaction.GatewayBench.SIGNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Throughput of the chain gateway against plain sequential web3j, in one run on one anvil:
 * N token transfers each way. Not part of the test suite (its name does not end in Test); run
 * with {@code ./mvnw -pl ejb -am test -Dtest=ChainGatewayBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * and {@code -Dbenchmark.transfers=N} (default 1000). Prints both throughputs, their ratio and
 * the p50/p99 time from request to CONFIRMED.
 */
class ChainGatewayBenchmark {

    private static final BigInteger AMOUNT = BigInteger.valueOf(1_000);

    @Test
    void gatewayAgainstPlainWeb3j() throws Exception {
        int transfers = Integer.getInteger("benchmark.transfers", 1000);
        try (GatewayBench bench = new GatewayBench()) {
            String to = GatewayBench.newAddress();
            warmUp(bench, to);

            double plain = plainWeb3j(bench, transfers, to);
            GatewayRun gateway = throughGateway(bench, transfers, to);

            System.out.printf(Locale.ROOT, "%nchain gateway benchmark: %d token transfers each, anvil automine, 1 confirmation%n", transfers);
            System.out.printf(Locale.ROOT, "  plain sequential web3j : %8.1f transfers/s%n", plain);
            System.out.printf(Locale.ROOT, "  through the gateway    : %8.1f transfers/s (persisted, tracked to CONFIRMED, announced)%n", gateway.throughput);
            System.out.printf(Locale.ROOT, "  ratio gateway / plain  : %8.2f (goal >= 0.80)%n", gateway.throughput / plain);
            System.out.printf(Locale.ROOT, "  request -> CONFIRMED   : p50 %d ms, p99 %d ms, max %d ms%n%n",
                    gateway.p50, gateway.p99, gateway.max);
            assertThat(bench.balanceOf(to)).isEqualTo(AMOUNT.multiply(BigInteger.valueOf(2L * transfers + 20)));
        }
    }

    /** JIT, connections and the first blocks, so neither side pays for them in the measurement. */
    private static void warmUp(GatewayBench bench, String to) throws Exception {
        TestToken plainToken = plainToken(bench);
        for (int i = 0; i < 10; i++) {
            plainToken.transfer(to, AMOUNT).send();
        }
        try (ChainGateway gateway = bench.gateway(settings())) {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ids.add(gateway.request(SIGNER, "warm-up", "transfer-" + i, bench.transfer(to, AMOUNT)));
            }
            await().atMost(Duration.ofMinutes(1)).until(() -> ids.stream().allMatch(id -> bench.row(id).state().isFinal()));
        }
    }

    private static GatewaySettings settings() {
        return new GatewaySettings(1, Duration.ofSeconds(60), Duration.ofMillis(100), 500, GatewaySettings.DEFAULT_MAX_FEE_PER_GAS);
    }

    /** The baseline: web3j's generated binding, one transfer after the other, each waiting for its receipt. */
    private static double plainWeb3j(GatewayBench bench, int transfers, String to) throws Exception {
        TestToken token = plainToken(bench);
        long start = System.nanoTime();
        for (int i = 0; i < transfers; i++) {
            token.transfer(to, AMOUNT).send();
        }
        return transfers / seconds(System.nanoTime() - start);
    }

    private static TestToken plainToken(GatewayBench bench) throws Exception {
        Credentials key = Credentials.create(Anvil.DEV_PRIVATE_KEYS.get(4));
        StaticGasProvider gas = new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(60_000));
        TestToken.load(bench.token, bench.web3j, bench.manager(bench.payerKey), gas).transfer(key.getAddress(), BigInteger.TEN.pow(27)).send();
        return TestToken.load(bench.token, bench.web3j, bench.manager(key), gas);
    }

    private static GatewayRun throughGateway(GatewayBench bench, int transfers, String to) {
        try (ChainGateway gateway = bench.gateway(settings())) {
            long start = System.nanoTime();
            List<Long> ids = new ArrayList<>(transfers);
            for (int i = 0; i < transfers; i++) {
                ids.add(gateway.request(SIGNER, "benchmark", "transfer-" + i, bench.transfer(to, AMOUNT)));
            }
            long last = ids.get(ids.size() - 1);
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(5))
                    .until(() -> bench.queryLong("select count(*) from chain_transaction where subject = 'benchmark'"
                            + " and state = 'CONFIRMED'") == transfers);
            double throughput = transfers / seconds(System.nanoTime() - start);
            assertThat(bench.row(last).state()).isEqualTo(ChainTransactionState.CONFIRMED);
            return new GatewayRun(throughput, percentile(bench, 0.50), percentile(bench, 0.99), percentile(bench, 1.0));
        }
    }

    private static long percentile(GatewayBench bench, double p) {
        return bench.queryLong("select round(1000 * extract(epoch from percentile_cont(" + p + ") within group"
                + " (order by finished_at - requested_at))) from chain_transaction where subject = 'benchmark'");
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private record GatewayRun(double throughput, long p50, long p99, long max) {
    }
}

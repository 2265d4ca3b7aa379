package io.tollway.infrastructure.chain.channels;

import io.tollway.devkit.Anvil;
import io.tollway.domain.model.channel.ChannelAccount;
import io.tollway.domain.model.channel.ChannelTerms;
import io.tollway.domain.model.channel.Cheque;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many cheques per second {@link Eip712ChequeSignatures} verifies, alone and with the ledger
 * taking each as the channel's new best ({@link ChannelAccount#acceptCheque}), on one thread and
 * on one thread per core. No chain is needed: the digest is the contract's (see
 * {@link ChequesMatchTheContractTest}). Not part of the test suite (its name does not end in
 * Test); run with {@code ./mvnw -o -q -pl ejb test -Dtest=ChequeVerificationBenchmark} and
 * {@code -Dbenchmark.cheques=N} (default 3000). Goal: at least 1,500 cheques verified and stored
 * per second.
 */
class ChequeVerificationBenchmark {

    private static final ChannelTerms TERMS = new ChannelTerms("MB", BigInteger.ONE, BigInteger.ZERO, 1, 1_000_000, 10, 600, 300, 1);
    private static final String CONTRACT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private static final String KEY = "0x" + "5a".repeat(32);
    private static final Instant OPENED = Instant.ofEpochSecond(1_800_000_000L);

    @Test
    void verificationsPerSecond() throws Exception {
        int count = Integer.getInteger("benchmark.cheques", 3000);
        Eip712ChequeSignatures signatures = new Eip712ChequeSignatures(Anvil.CHAIN_ID, CONTRACT);
        Credentials consumer = Credentials.create(Anvil.DEV_PRIVATE_KEYS.get(1));
        List<Cheque> cheques = sign(signatures, consumer, count);
        String expected = consumer.getAddress().toLowerCase(Locale.ROOT);

        for (int round = 0; round < 2; round++) { // warm-up: JIT, BouncyCastle's precomputed tables
            verifyAll(signatures, cheques, expected);
            acceptAll(signatures, cheques, consumer);
        }
        double verify = perSecond(count, () -> verifyAll(signatures, cheques, expected));
        double accept = perSecond(count, () -> acceptAll(signatures, cheques, consumer));
        int threads = Runtime.getRuntime().availableProcessors();
        double parallel = parallel(threads, count, () -> acceptAll(signatures, cheques, consumer));

        System.out.printf(Locale.ROOT, "%ncheque verification benchmark: %d cheques, %d cores%n", count, threads);
        System.out.printf(Locale.ROOT, "  signerOf, 1 thread                    : %8.0f verifications/s%n", verify);
        System.out.printf(Locale.ROOT, "  verified and stored (ledger), 1 thread: %8.0f cheques/s%n", accept);
        System.out.printf(Locale.ROOT, "  verified and stored, %d threads        : %8.0f cheques/s (goal >= 1500)%n%n", threads, parallel);
    }

    /** {@code count} cheques of strictly increasing balances, signed with the digest a wallet signs. */
    private static List<Cheque> sign(Eip712ChequeSignatures signatures, Credentials consumer, int count) {
        List<Cheque> cheques = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            BigInteger balance = BigInteger.valueOf(i);
            Sign.SignatureData s = Sign.signMessage(signatures.balanceProofDigest(KEY, balance), consumer.getEcKeyPair(), false);
            cheques.add(new Cheque(KEY, balance, Numeric.toHexString(s.getR()) + Numeric.toHexStringNoPrefix(s.getS())
                    + String.format("%02x", s.getV()[0])));
        }
        return cheques;
    }

    private static void verifyAll(Eip712ChequeSignatures signatures, List<Cheque> cheques, String expected) {
        for (Cheque cheque : cheques) {
            assertThat(signatures.signerOf(cheque)).contains(expected);
        }
    }

    private static void acceptAll(Eip712ChequeSignatures signatures, List<Cheque> cheques, Credentials consumer) {
        ChannelAccount account = ChannelAccount.open(TERMS, KEY, consumer.getAddress(), BigInteger.valueOf(cheques.size()), OPENED);
        for (Cheque cheque : cheques) {
            account.acceptCheque(cheque, signatures);
        }
        assertThat(account.bestBalance()).isEqualTo(BigInteger.valueOf(cheques.size()));
    }

    private static double perSecond(int count, Runnable run) {
        long start = System.nanoTime();
        run.run();
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** Each thread runs its own channel's ledger over all cheques; the figure counts all of them. */
    private static double parallel(int threads, int count, Runnable run) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(() -> {
                    run.run();
                    return null;
                });
            }
            long start = System.nanoTime();
            for (Future<Void> done : pool.invokeAll(tasks)) {
                done.get();
            }
            return (double) threads * count / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}

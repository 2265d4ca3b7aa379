package io.tollway.ear.benchmark;

import io.tollway.ear.support.AgreementDriver;
import io.tollway.ear.support.Api;
import io.tollway.ear.support.Deployments;
import io.tollway.ear.support.TestEnvironment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One node under the load of issue 5, on the deployed EAR, PostgreSQL and anvil as the end-to-end
 * tests run them: {@code benchmark.agreements} agreements, half escrow and half payment channel,
 * set up through the API and the processes; the escrow agreements billed all at once (twice:
 * without usage, then after a round of usage reports); usage reports and cheques from concurrent
 * clients; reads of single agreements from 50 clients; and the server's heap. It prints figures
 * and checks only that the work was done right (every bill paid, every report, cheque and read
 * answered as it should); whether a figure meets its goal is for the reader, since this machine's
 * two shared cores make them noisy.
 *
 * <p>Not an integration test (its name does not match Failsafe's patterns): run it alone with
 * {@code ./mvnw -pl ear verify -Pbenchmark} (the profile also lengthens the test server's billing
 * interval); the settings are in {@link BenchmarkSettings}.
 */
@ExtendWith(ArquillianExtension.class)
class AgreementsBenchmark {

    /** Time passed between the billing rounds so usage fits under the cap (20 units a second of it): 6,000 units each. */
    private static final long USAGE_WINDOW_SECONDS = 300;

    private final BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
    private final AgreementDriver driver = new AgreementDriver();
    private final String base = TestEnvironment.baseUrl();

    @Deployment(testable = false)
    static EnterpriseArchive tollway() {
        return Deployments.tollway();
    }

    /**
     * Channel terms under which nothing the run does ends or suspends a channel: unit price 1, at
     * least 1,000 units, a lag and an inactivity far beyond the run's usage and clock moves, and a
     * supply (channels open at once) for every channel of the run.
     */
    private static String channelTerms(int channels) {
        return "{\"unitName\":\"MB\",\"unitPrice\":\"1\",\"setupPrice\":\"0\",\"minUnits\":1000,\"maxUnits\":100000000,"
                + "\"maxBillingUnitLag\":100000000,\"maxInactiveSeconds\":604800,\"maxSuspendSeconds\":3600,\"supply\":"
                + Math.max(1, channels) + "}";
    }

    @Test
    void oneNodeWithActiveAgreements() throws Exception {
        int n = settings.agreements();
        System.out.printf(Locale.ROOT, "%nagreements benchmark: %s%n", settings);

        String escrowOffering = driver.publishedOffering();
        String channelOffering = n > 1 ? driver.publishedChannelOffering(channelTerms(n / 2)) : null;
        ExecutorService steps = Executors.newFixedThreadPool(settings.consumers(), r -> new Thread(r, "consumer-step"));
        try {
            AgreementSetup.Outcome setUp = setUp(steps, escrowOffering, channelOffering);
            List<String> escrows = setUp.on(escrowOffering).stream().map(AgreementSetup.Active::id).toList();
            List<AgreementSetup.Active> channels = channelOffering == null ? List.of() : setUp.on(channelOffering);
            List<String> all = setUp.active().stream().map(AgreementSetup.Active::id).toList();
            print("set-up, request -> ACTIVE", String.format(Locale.ROOT,
                    "%d of %d agreements (%d escrow, %d channel), the last after %.1f s (%.1f agreements/s)%s",
                    all.size(), n, escrows.size(), channels.size(), seconds(setUp.lastActive()), all.size() / seconds(setUp.lastActive()),
                    setUp.failures().isEmpty() ? "" : String.format(Locale.ROOT, "; the others given up after %.1f s", seconds(setUp.took()))));
            kinds(setUp.failures()).forEach((kind, count) -> print("  not ACTIVE", count + " x " + kind));
            assertThat(escrows).as("escrow agreements that became ACTIVE").isNotEmpty();
            print("heap after set-up", ServerHeap.of(driver.admin).summary());

            BothClocks clocks = new BothClocks(TestEnvironment.anvil(), driver.admin);
            BillingRound billing = new BillingRound(clocks, escrows, settings.roundDeadline());
            ServerIdle idle = new ServerIdle(clocks, settings.roundDeadline());
            BillingRound.Result firstBills = billing.run(1);
            print("billing, round 1 (no usage)", bills(firstBills));

            clocks.move(USAGE_WINDOW_SECONDS);
            print("before the usage reports", idle.await().summary());
            LoadRun.Result usage = usageReports(escrows);
            print("usage reports", String.format(Locale.ROOT, "%d from %d clients in %.1f s: %.0f accepted/s (goal >= 5,000/s); %s;"
                            + " other answers %s", usage.requests(), settings.clients(), seconds(usage.elapsed()), usage.perSecond(201),
                    usage.latencies().summary(), usage.others(201)));

            print("before the batches", idle.await().summary());
            LoadRun.Result batched = batchedUsageReports(escrows);
            long batchedStored = storedUsage("batched-%");
            print("usage reports in batches", String.format(Locale.ROOT, "%d in requests of %d from %d clients in %.1f s: %.0f accepted/s"
                            + " (goal >= 5,000/s); %d stored; per request %s; other answers %s", settings.batchedUsageReports(),
                    settings.usageBatch(), settings.clients(), seconds(batched.elapsed()), batchedStored / seconds(batched.elapsed()),
                    batchedStored, batched.latencies().summary(), batched.others(200)));

            print("before the cheques", idle.await().summary());
            ChequeRun.Result cheques = channels.isEmpty() ? null
                    : new ChequeRun(driver.consumer, base, steps).run(channels, settings.chequesPerChannel(), settings.clients());
            if (cheques != null) {
                LoadRun.Result load = cheques.load();
                print("cheques", String.format(Locale.ROOT, "%d over %d channels from %d clients in %.1f s: %.0f verified and stored/s"
                                + " (goal >= 1,500/s); %s; other answers %s; signed beforehand in %.1f s", load.requests(), channels.size(),
                        Math.min(settings.clients(), channels.size()), seconds(load.elapsed()), load.perSecond(201),
                        load.latencies().summary(), load.others(201), seconds(cheques.signing())));
            }

            BillingRound.Result secondBills = billing.run(2);
            print("billing, round 2 (with usage)", bills(secondBills));

            print("before the reads", idle.await().summary());
            LoadRun.Result reads = reads(all);
            print("GET /agreements/{id}", String.format(Locale.ROOT, "%d from %d clients: %s (goal p99 < 50 ms); %.0f requests/s;"
                            + " other answers %s", reads.requests(), settings.clients(), reads.latencies().summary(), reads.perSecond(200),
                    reads.others(200)));
            print("before the empty answers", idle.await().summary());
            LoadRun.Result nothing = nothing();
            print("an answer doing nothing", String.format(Locale.ROOT, "%d from %d clients: %s; %.0f requests/s; other answers %s"
                            + " (the server's floor under the figures above)", nothing.requests(), settings.clients(),
                    nothing.latencies().summary(), nothing.perSecond(200), nothing.others(200)));
            print("heap at the end", ServerHeap.of(driver.admin).summary());
            System.out.println();

            // the figures above are only worth something if the work behind them was done right
            assertThat(setUp.failures()).as("agreements that did not become ACTIVE").isEmpty();
            assertThat(firstBills.states()).as("first bills").isEqualTo(Map.of("PAID", escrows.size()));
            assertThat(secondBills.states()).as("second bills").isEqualTo(Map.of("PAID", escrows.size()));
            assertThat(usage.others(201)).as("usage reports not accepted").isEmpty();
            assertThat(batched.others(200)).as("batches of usage reports not answered 200").isEmpty();
            assertThat(batchedStored).as("usage reports stored of those sent in batches").isEqualTo(settings.batchedUsageReports());
            if (cheques != null) {
                assertThat(cheques.load().others(201)).as("cheques not accepted").isEmpty();
            }
            assertThat(reads.others(200)).as("reads not answered 200").isEmpty();
            assertThat(nothing.others(200)).as("answers doing nothing not answered 200").isEmpty();
        } finally {
            steps.shutdownNow();
        }
    }

    /** Escrow and channel agreements requested in turn, so both models are in the server's work at the same time. */
    private AgreementSetup.Outcome setUp(ExecutorService steps, String escrowOffering, String channelOffering) throws Exception {
        List<String> offerings = new ArrayList<>();
        for (int i = 0; i < settings.agreements(); i++) {
            offerings.add(i % 2 == 0 || channelOffering == null ? escrowOffering : channelOffering);
        }
        try (StatusBoard board = new StatusBoard();
             ConsumerWallets wallets = new ConsumerWallets(TestEnvironment.anvil());
             Approver approver = new Approver(driver.approver)) {
            return new AgreementSetup(driver.consumer, board, approver, wallets, steps).activate(offerings, settings.inFlight(),
                    settings.stepDeadline());
        }
    }

    /** Unit amounts under unique keys, spread over every escrow agreement. */
    private LoadRun.Result usageReports(List<String> ids) throws InterruptedException {
        return warmedUp(settings.usageReports(), i -> LoadRun.Request.post(
                URI.create(base + "/api/v1/agreements/" + ids.get(i % ids.size()) + "/usage"), Api.PROVIDER,
                "{\"idempotencyKey\":\"benchmark-" + i + "\",\"amount\":\"1\"}"));
    }

    /**
     * {@code requests} requests made by {@code request}, measured, after as many of the same kind
     * that are not (indexes 0 to requests - 1; the measured ones follow them, so no two are alike).
     * The server's JIT compiles a path only once it is used a lot: measured cold, a phase counts
     * the compiler's work too.
     */
    private LoadRun.Result warmedUp(int requests, IntFunction<LoadRun.Request> request) throws InterruptedException {
        LoadRun load = new LoadRun();
        load.run(settings.clients(), requests, request);
        return load.run(settings.clients(), requests, i -> request.apply(requests + i));
    }

    /**
     * The same, in requests of {@code benchmark.usage-batch} reports as a service controller sends
     * them: request i covers the next agreements after request i - 1's, so concurrent requests
     * share agreements (and wait for each other's locks on them) as long as there are fewer
     * escrow agreements than reports in flight.
     */
    private LoadRun.Result batchedUsageReports(List<String> ids) throws InterruptedException {
        int size = settings.usageBatch();
        int requests = (settings.batchedUsageReports() + size - 1) / size;
        return warmedUp(requests, r -> {
            // the warm-up's reports have keys of their own: only the measured ones are counted as stored
            String keys = r < requests ? "warm-up-batched-" : "batched-";
            int first = r % requests * size;
            StringBuilder body = new StringBuilder("{\"reports\":[");
            for (int i = first; i < Math.min(first + size, settings.batchedUsageReports()); i++) {
                body.append(i == first ? "" : ",").append("{\"agreementId\":\"").append(ids.get(i % ids.size()))
                        .append("\",\"idempotencyKey\":\"").append(keys).append(i).append("\",\"amount\":\"1\"}");
            }
            return LoadRun.Request.post(URI.create(base + "/api/v1/usage"), Api.PROVIDER, body.append("]}").toString());
        });
    }

    /** Usage reports stored under keys like {@code pattern}, read from the database. */
    private static long storedUsage(String pattern) throws java.sql.SQLException {
        try (java.sql.Connection db = TestEnvironment.database().connect();
             java.sql.PreparedStatement count = db.prepareStatement("select count(*) from usage_report where idempotency_key like ?")) {
            count.setString(1, pattern);
            try (java.sql.ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Random agreements as their consumer reads them. */
    private LoadRun.Result reads(List<String> ids) throws InterruptedException {
        return warmedUp(settings.reads(), i -> read(ids));
    }

    /**
     * As many requests as the reads, with the same key and clients, to an endpoint that does no work
     * (test servers only): what the container, the authentication and the machine allow at most.
     */
    private LoadRun.Result nothing() throws InterruptedException {
        LoadRun.Request request = LoadRun.Request.get(URI.create(base + "/api/v1/test-support/nothing"), Api.CONSUMER);
        return warmedUp(settings.reads(), i -> request);
    }

    private LoadRun.Request read(List<String> ids) {
        String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
        return LoadRun.Request.get(URI.create(base + "/api/v1/agreements/" + id), Api.CONSUMER);
    }

    private static String bills(BillingRound.Result round) {
        String missing = round.unarmed() + round.unrecorded() == 0 ? ""
                : String.format(Locale.ROOT, " (of %d: %d without a billing timer, %d not recorded in time)",
                round.agreements(), round.unarmed(), round.unrecorded());
        return String.format(Locale.ROOT, "%d bills%s, the last %.1f s after falling due: %.1f bills/s (goal >= 50/s);"
                        + " lag past due %s (goal p99 < 60 s); %s; clocks moved %d s",
                round.bills(), missing, seconds(round.lags().max()), round.billsPerSecond(), round.lags().summary(),
                round.states(), round.movedSeconds());
    }

    /** Failures by kind: the same message with the ids taken out. */
    private static Map<String, Integer> kinds(List<String> failures) {
        Map<String, Integer> kinds = new TreeMap<>();
        failures.forEach(failure -> kinds.merge(failure.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<id>"), 1, Integer::sum));
        return kinds;
    }

    private static void print(String what, String figures) {
        System.out.printf(Locale.ROOT, "  %-30s: %s%n", what, figures);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}

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
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One node under the load of issue 5, on the deployed EAR, PostgreSQL and anvil as the end-to-end
 * tests run them: {@code benchmark.agreements} escrow agreements set up through the API and the
 * processes, then billed all at once (twice: without usage, then after a round of usage reports),
 * usage reports from concurrent clients, reads of single agreements from 50 clients, and the
 * server's heap. It prints figures and checks only that the work was done right (every bill paid,
 * every report and read answered as it should); whether a figure meets its goal is for the reader,
 * since this machine's two shared cores make them noisy.
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

    @Test
    void oneNodeWithActiveAgreements() throws Exception {
        int n = settings.agreements();
        System.out.printf(Locale.ROOT, "%nagreements benchmark: %s%n", settings);

        EscrowSetup.Outcome setUp = activeAgreements();
        List<String> ids = setUp.active();
        print("set-up, request -> ACTIVE", String.format(Locale.ROOT, "%d of %d agreements in %.1f s (%.1f agreements/s)",
                ids.size(), n, seconds(setUp.took()), ids.size() / seconds(setUp.took())));
        kinds(setUp.failures()).forEach((kind, count) -> print("  not ACTIVE", count + " x " + kind));
        assertThat(ids).as("agreements that became ACTIVE").isNotEmpty();
        ServerHeap heapAfterSetUp = ServerHeap.of(driver.admin);
        print("heap after set-up", heapAfterSetUp.summary());

        BothClocks clocks = new BothClocks(TestEnvironment.anvil(), driver.admin);
        BillingRound billing = new BillingRound(clocks, ids, settings.roundDeadline());
        BillingRound.Result firstBills = billing.run(1);
        print("billing, round 1 (no usage)", bills(firstBills));

        clocks.move(USAGE_WINDOW_SECONDS);
        LoadRun.Result usage = usageReports(ids);
        print("usage reports", String.format(Locale.ROOT, "%d from %d clients in %.1f s: %.0f accepted/s (goal >= 5,000/s); %s; other answers %s",
                usage.requests(), settings.clients(), seconds(usage.elapsed()), usage.perSecond(201), usage.latencies().summary(),
                usage.others(201)));

        BillingRound.Result secondBills = billing.run(2);
        print("billing, round 2 (with usage)", bills(secondBills));

        LoadRun.Result reads = reads(ids);
        print("GET /agreements/{id}", String.format(Locale.ROOT, "%d from %d clients: %s (goal p99 < 50 ms); %.0f requests/s; other answers %s",
                reads.requests(), settings.clients(), reads.latencies().summary(), reads.perSecond(200), reads.others(200)));
        print("cheques", "not measured: channel agreements are not served through the API yet");
        ServerHeap heapAtEnd = ServerHeap.of(driver.admin);
        print("heap at the end", heapAtEnd.summary());
        System.out.println();

        // the figures above are only worth something if the work behind them was done right
        assertThat(setUp.failures()).as("agreements that did not become ACTIVE").isEmpty();
        assertThat(firstBills.states()).as("first bills").isEqualTo(Map.of("PAID", ids.size()));
        assertThat(secondBills.states()).as("second bills").isEqualTo(Map.of("PAID", ids.size()));
        assertThat(usage.others(201)).as("usage reports not accepted").isEmpty();
        assertThat(reads.others(200)).as("reads not answered 200").isEmpty();
    }

    private EscrowSetup.Outcome activeAgreements() throws Exception {
        String offering = driver.publishedOffering();
        ExecutorService steps = Executors.newFixedThreadPool(settings.consumers(), r -> new Thread(r, "consumer-step"));
        try (StatusBoard board = new StatusBoard();
             ConsumerWallets wallets = new ConsumerWallets(TestEnvironment.anvil());
             Approver approver = new Approver(driver.approver)) {
            return new EscrowSetup(driver.consumer, board, approver, wallets, steps).activate(offering, settings.agreements(),
                    settings.inFlight(), settings.stepDeadline());
        } finally {
            steps.shutdownNow();
        }
    }

    /** Unit amounts under unique keys, spread over every agreement. */
    private LoadRun.Result usageReports(List<String> ids) throws InterruptedException {
        return new LoadRun().run(settings.clients(), settings.usageReports(), i -> LoadRun
                .authorized(URI.create(base + "/api/v1/agreements/" + ids.get(i % ids.size()) + "/usage"), Api.PROVIDER)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"idempotencyKey\":\"benchmark-" + i + "\",\"amount\":\"1\"}"))
                .build());
    }

    /** Random agreements as their consumer reads them; a tenth as many first to warm the server up. */
    private LoadRun.Result reads(List<String> ids) throws InterruptedException {
        LoadRun load = new LoadRun();
        load.run(settings.clients(), Math.max(1, settings.reads() / 10), i -> read(ids));
        return load.run(settings.clients(), settings.reads(), i -> read(ids));
    }

    private HttpRequest read(List<String> ids) {
        String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
        return LoadRun.authorized(URI.create(base + "/api/v1/agreements/" + id), Api.CONSUMER).GET().build();
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

package io.tollway.ear.benchmark;

import java.time.Duration;

/**
 * What a run of {@link AgreementsBenchmark} does, from system properties ({@code -Dbenchmark.…} on
 * the Maven command line reaches the test JVM as a system property). The defaults are the goal's
 * load; a small {@code benchmark.agreements} gives a quick run.
 *
 * @param agreements    agreements to set up ({@code benchmark.agreements}, default 1000): half escrow
 *                      (one more if odd), half payment channel
 * @param inFlight      agreements between their request and ACTIVE at any time ({@code benchmark.in-flight}, 100)
 * @param consumers     consumer wallets sending at the same time during set-up ({@code benchmark.consumers}, 32)
 * @param clients       concurrent API clients for usage reports, cheques and reads ({@code benchmark.clients}, 50)
 * @param usageReports  usage reports to send to the escrow agreements ({@code benchmark.usage-reports}, 10 per agreement)
 * @param batchedUsageReports usage reports to send in batches ({@code benchmark.batched-usage-reports}, 50 per agreement)
 * @param usageBatch    reports per request of the batched run ({@code benchmark.usage-batch}, 100)
 * @param chequesPerChannel cheques each channel agreement's consumer sends ({@code benchmark.cheques-per-channel}, 20)
 * @param reads         measured {@code GET /agreements/{id}} requests ({@code benchmark.reads}, 10,000),
 *                      after a tenth as many to warm up
 * @param stepDeadline  how long an agreement may take to reach the next status of its set-up
 *                      ({@code benchmark.step-deadline}, ISO-8601, default PT5M); one that does not is left out
 * @param roundDeadline how long a billing round may take ({@code benchmark.round-deadline}, default PT15M)
 */
record BenchmarkSettings(int agreements, int inFlight, int consumers, int clients, int usageReports, int batchedUsageReports,
                         int usageBatch, int chequesPerChannel, int reads,
                         Duration stepDeadline, Duration roundDeadline) {

    static BenchmarkSettings fromSystemProperties() {
        int agreements = Integer.getInteger("benchmark.agreements", 1000);
        return new BenchmarkSettings(agreements,
                Integer.getInteger("benchmark.in-flight", 100),
                Integer.getInteger("benchmark.consumers", 32),
                Integer.getInteger("benchmark.clients", 50),
                Integer.getInteger("benchmark.usage-reports", 10 * agreements),
                Integer.getInteger("benchmark.batched-usage-reports", 50 * agreements),
                Integer.getInteger("benchmark.usage-batch", 100),
                Integer.getInteger("benchmark.cheques-per-channel", 20),
                Integer.getInteger("benchmark.reads", 10_000),
                duration("benchmark.step-deadline", Duration.ofMinutes(5)),
                duration("benchmark.round-deadline", Duration.ofMinutes(15)));
    }

    BenchmarkSettings {
        if (agreements < 1 || inFlight < 1 || consumers < 1 || clients < 1 || usageReports < 1 || batchedUsageReports < 1
                || usageBatch < 1 || usageBatch > 500 || chequesPerChannel < 1 || reads < 1) {
            throw new IllegalArgumentException("benchmark.* counts must be 1 or more: " + this);
        }
    }

    private static Duration duration(String property, Duration otherwise) {
        String value = System.getProperty(property);
        return value == null || value.isBlank() ? otherwise : Duration.parse(value);
    }
}

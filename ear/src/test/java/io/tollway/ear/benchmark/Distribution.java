package io.tollway.ear.benchmark;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/** Durations measured in a run, for percentiles (nearest rank: p99 of 1,000 is the 990th smallest). */
final class Distribution {

    private final long[] nanos;

    Distribution(Collection<Duration> durations) {
        this.nanos = durations.stream().mapToLong(Duration::toNanos).sorted().toArray();
    }

    Distribution(long[] nanos) {
        this.nanos = nanos.clone();
        Arrays.sort(this.nanos);
    }

    int size() {
        return nanos.length;
    }

    Duration percentile(double p) {
        if (nanos.length == 0) {
            throw new IllegalStateException("nothing measured");
        }
        int rank = (int) Math.ceil(p / 100 * nanos.length);
        return Duration.ofNanos(nanos[Math.max(0, rank - 1)]);
    }

    Duration max() {
        return percentile(100);
    }

    /** {@code p50 12.3 ms, p99 45.6 ms, max 78.9 ms} */
    String summary() {
        return String.format(Locale.ROOT, "p50 %s, p99 %s, max %s", format(percentile(50)), format(percentile(99)), format(max()));
    }

    static String format(Duration d) {
        double millis = d.toNanos() / 1e6;
        return millis >= 10_000 ? String.format(Locale.ROOT, "%.1f s", millis / 1000) : String.format(Locale.ROOT, "%.1f ms", millis);
    }
}

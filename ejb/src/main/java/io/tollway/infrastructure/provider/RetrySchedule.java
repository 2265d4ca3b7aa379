package io.tollway.infrastructure.provider;

import io.tollway.infrastructure.config.TollwayConfig;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * The waits between attempts to deliver a command, written as Camunda 7's retry cycle: a comma
 * list such as {@code PT5S,PT30S,PT2M,PT10M,PT30M} for {@code camunda:failedJobRetryTimeCycle}.
 * Camunda runs the job once plus once after each wait (six attempts here, about 43 minutes), then
 * raises an incident that the console can retry. {@code R5/PT10S} would wait the same each time,
 * which a provider that is down for maintenance does not need.
 */
public record RetrySchedule(List<Duration> waits) {

    /** The setting that overrides {@link #DEFAULT}, in the same comma-list form. */
    public static final String SETTING = "tollway.provider.retry-cycle";
    public static final RetrySchedule DEFAULT = parse("PT5S,PT30S,PT2M,PT10M,PT30M");

    public RetrySchedule {
        waits = List.copyOf(waits);
        if (waits.isEmpty() || waits.stream().anyMatch(w -> w.toSeconds() < 1 || w.toNanos() % 1_000_000_000 != 0)) {
            throw new IllegalArgumentException("a retry cycle needs at least one wait, each whole seconds of 1 or more");
        }
    }

    /** A comma list of ISO-8601 durations. */
    public static RetrySchedule parse(String cycle) {
        try {
            return new RetrySchedule(Arrays.stream(cycle.split(",")).map(String::strip).map(Duration::parse).toList());
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("not a retry cycle (ISO-8601 durations separated by commas): " + cycle);
        }
    }

    /** The configured schedule ({@value #SETTING}), or {@link #DEFAULT}. */
    public static RetrySchedule configured(TollwayConfig config) {
        String cycle = config.setting(SETTING);
        return cycle == null ? DEFAULT : parse(cycle);
    }

    /** The value for {@code camunda:failedJobRetryTimeCycle}. */
    public String camundaCycle() {
        return String.join(",", waits.stream().map(Duration::toString).toList());
    }

    /** How many times Camunda tries the job in all: the first attempt and one after each wait. */
    public int attempts() {
        return waits.size() + 1;
    }
}

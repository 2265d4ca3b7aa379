package io.tollway.interfaces.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/** How the console writes moments: one format, in UTC, on every page. */
@Named
@ApplicationScoped
public class ConsoleFormat {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** An {@link java.time.Instant} or an {@link java.time.OffsetDateTime}; nothing for none. */
    public String when(TemporalAccessor at) {
        return at == null ? "" : WHEN.format(at);
    }
}

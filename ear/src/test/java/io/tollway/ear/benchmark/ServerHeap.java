package io.tollway.ear.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollway.ear.support.Api;

import java.util.Locale;

/** The GlassFish server's heap as its test-support endpoint reports it, in bytes. */
record ServerHeap(long used, long usedAfterLastCollection, long committed, long max) {

    static ServerHeap of(Api admin) {
        Api.Reply reply = admin.get("/api/v1/test-support/heap");
        if (reply.status() != 200) {
            throw new IllegalStateException("no heap figures: " + reply.status() + " " + reply.body());
        }
        JsonNode heap = reply.json();
        return new ServerHeap(heap.get("used").asLong(), heap.get("usedAfterLastCollection").asLong(),
                heap.get("committed").asLong(), heap.get("max").asLong());
    }

    /** {@code 312 MB used (180 MB after the last collection), 420 MB committed, max 512 MB} */
    String summary() {
        return String.format(Locale.ROOT, "%d MB used (%d MB after the last collection), %d MB committed, max %d MB",
                mb(used), mb(usedAfterLastCollection), mb(committed), mb(max));
    }

    private static long mb(long bytes) {
        return Math.round(bytes / (1024.0 * 1024.0));
    }
}

package io.tollway.ear.benchmark;

import io.tollway.devkit.Anvil;
import io.tollway.ear.support.Api;

import java.time.Instant;

/**
 * The chain's and the process engine's clocks, moved together (the chain first, so a bill that
 * falls due already sees the later block time). The engine's clock is the wall clock plus an
 * offset that only grows, so times the server records are compared with {@link #engineNow()},
 * never with this JVM's wall clock.
 */
final class BothClocks {

    private final Anvil anvil;
    private final Api admin;

    BothClocks(Anvil anvil, Api admin) {
        this.anvil = anvil;
        this.admin = admin;
    }

    /** Moves both clocks forward and answers the engine's time right after the move. */
    Instant move(long seconds) {
        anvil.increaseTime(seconds);
        anvil.mine();
        return engineMove(seconds);
    }

    /** The engine's time now. */
    Instant engineNow() {
        return engineMove(0);
    }

    private Instant engineMove(long seconds) {
        Api.Reply moved = admin.post("/api/v1/test-support/clock", "{\"seconds\":" + seconds + "}");
        if (moved.status() != 200) {
            throw new IllegalStateException("the engine's clock did not move: " + moved.status() + " " + moved.body());
        }
        return Instant.parse(moved.json().get("now").asText());
    }
}

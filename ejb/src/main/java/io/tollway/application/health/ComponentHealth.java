package io.tollway.application.health;

import java.util.Map;

/**
 * One part Tollway depends on: whether it answers, and what it said. A part that this
 * deployment does not use (e.g. the chain gateway without any signer configured) is DISABLED:
 * shown with its reason, but not a failure.
 */
public record ComponentHealth(String name, Status status, Map<String, Object> details) {

    public enum Status {
        UP,
        DOWN,
        DISABLED
    }

    public boolean isDown() {
        return status == Status.DOWN;
    }

    static ComponentHealth up(String name, Map<String, Object> details) {
        return new ComponentHealth(name, Status.UP, details);
    }

    static ComponentHealth down(String name, Exception cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new ComponentHealth(name, Status.DOWN, Map.of("error", reason));
    }

    static ComponentHealth disabled(String name, String reason) {
        return new ComponentHealth(name, Status.DISABLED, Map.of("reason", reason));
    }
}

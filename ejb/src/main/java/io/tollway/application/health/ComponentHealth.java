package io.tollway.application.health;

import java.util.Map;

/** One part Tollway depends on: whether it answers, and what it said. */
public record ComponentHealth(String name, boolean up, Map<String, Object> details) {

    static ComponentHealth up(String name, Map<String, Object> details) {
        return new ComponentHealth(name, true, details);
    }

    static ComponentHealth down(String name, Exception cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new ComponentHealth(name, false, Map.of("error", reason));
    }
}
